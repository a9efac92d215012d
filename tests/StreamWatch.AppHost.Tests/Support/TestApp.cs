using StreamWatch.AppHost.Hosting;
using StreamWatch.AppHost.Orchestration;
using StreamWatch.Testing;

namespace StreamWatch.AppHost.Tests.Support;

/// <summary>An in-process AppHost builder with its own state folder, free ports and captured output.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public TestApp(Func<string, string?>? environment = null, AppHostOptions? options = null)
    {
        StateDirectory = Directory.CreateTempSubdirectory("streamwatch-apphost-test-").FullName;
        var log = new ConsoleLog(TextWriter.Synchronized(_output), TextWriter.Synchronized(_error), color: false);
        Builder = new DistributedApplicationBuilder(
            (options ?? new AppHostOptions()) with { StateDirectory = StateDirectory, FreePorts = true },
            log,
            Path.Combine(Corpus.RepositoryRoot, "artifacts", "bin"),
            Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))) // the tests' own configuration
        {
            Environment = environment ?? (_ => null),
        };
    }

    public DistributedApplicationBuilder Builder { get; }

    public string StateDirectory { get; }

    public DistributedApplication? App { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString() + _error;
            }
        }
    }

    public async Task<DistributedApplication> StartAsync()
    {
        App = Builder.Build();
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(120));
        await App.StartAsync(guard.Token);
        return App;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (hang guard: 60 s; never a timing assert).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
