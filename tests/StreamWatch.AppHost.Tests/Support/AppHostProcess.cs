using System.Diagnostics;
using System.Text;
using System.Text.Json;
using StreamWatch.Testing.Processes;

namespace StreamWatch.AppHost.Tests.Support;

/// <summary>The built AppHost (<c>artifacts/bin/StreamWatch.AppHost/release</c>) run as a real process.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public int Id => _process.Id;

    public string StateDirectory { get; }

    public Task<int> Exited => _exited.Task;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the AppHost with <paramref name="args"/>; <paramref name="environment"/> values of null remove a variable.</summary>
    public static AppHostProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stateDirectory = null)
    {
        var state = stateDirectory ?? Directory.CreateTempSubdirectory("streamwatch-apphost-run-").FullName;
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Binaries.Find("dotnet") ?? "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ServiceProcess.AssemblyPath("StreamWatch.AppHost"));
        startInfo.ArgumentList.Add("--state-dir");
        startInfo.ArgumentList.Add(state);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment.Remove("ConnectionStrings__redis");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var result = new AppHostProcess(process, state);
        process.OutputDataReceived += (_, e) => result.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => result.Keep(e.Data);
        process.Exited += (_, _) => result._exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs the AppHost until it exits by itself (a prerequisite error); hang guard 60 s.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var run = Start(args, environment);
        var code = await run.Exited.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await run.DrainOutputAsync();
        return (code, run.Output);
    }

    /// <summary>Waits until stdout and stderr reached end of file (the last lines are read).</summary>
    public Task DrainOutputAsync() => _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    /// <summary>The parsed <c>apphost.json</c>, or null while it is absent or being replaced.</summary>
    public JsonDocument? ReadState()
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(Path.Combine(StateDirectory, "apphost.json")));
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Waits until apphost.json says ready (hang guard 180 s: five services on a loaded machine).</summary>
    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            using (var state = ReadState())
            {
                if (state is not null && state.RootElement.GetProperty("ready").GetBoolean())
                {
                    return;
                }
            }

            if (Exited.IsCompleted)
            {
                Assert.Fail($"the AppHost exited with code {await Exited} before it was ready:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the AppHost was not ready within 180 s:\n{Output}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A resource's current pid and endpoints from apphost.json.</summary>
    public (int Pid, int Restarts, Dictionary<string, string> Endpoints) Resource(string name)
    {
        using var state = ReadState() ?? throw new InvalidOperationException("apphost.json is missing");
        foreach (var resource in state.RootElement.GetProperty("resources").EnumerateArray())
        {
            if (resource.GetProperty("name").GetString() == name)
            {
                var endpoints = resource.GetProperty("endpoints").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
                return (resource.GetProperty("pid").GetInt32(), resource.GetProperty("restarts").GetInt32(), endpoints);
            }
        }

        throw new KeyNotFoundException(name);
    }

    /// <summary>Sends SIGTERM, as systemd or <c>kill</c> would.</summary>
    public void Terminate() => _ = Kill(_process.Id, 15);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            if (await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(60))) != Exited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
