using StreamWatch.Testing.Processes;

namespace StreamWatch.Testing.Tests.Processes;

public sealed class ExternalProcessTests
{
    [Fact]
    public async Task StartAsync_ProcessExitsBeforeReady_ThrowsWithItsOutput()
    {
        var options = new ExternalProcessOptions
        {
            Name = "early-exit",
            FileName = "/bin/sh",
            Arguments = ["-c", "echo cannot bind >&2; exit 3"],
            ReadyCheck = _ => Task.FromResult(false),
            StartTimeout = TimeSpan.FromSeconds(20),
        };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ExternalProcess.StartAsync(options, TestContext.Current.CancellationToken));
        Assert.Contains("exited with code 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_ProcessIgnoringSigterm_IsKilledWithItsChildren()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"sw-child-{Guid.NewGuid():N}");
        var process = await ExternalProcess.StartAsync(
            new ExternalProcessOptions
            {
                Name = "stubborn",
                FileName = "/bin/sh",
                Arguments = ["-c", $"trap '' TERM; sleep 300 & echo $! > {marker}; wait"],
                ReadyCheck = _ => Task.FromResult(File.Exists(marker) && new FileInfo(marker).Length > 0),
                StopTimeout = TimeSpan.FromMilliseconds(300),
            },
            TestContext.Current.CancellationToken);
        var child = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await process.DisposeAsync();

        Assert.False(process.IsRunning);

        // SIGKILL is delivered asynchronously: wait (bounded) for the grandchild to go rather than sampling once.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (IsAlive(child) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.False(IsAlive(child), $"child {child} outlived the fixture");
        File.Delete(marker);
    }

    // A zombie (empty cmdline) has already died; only its parent's reaping is pending.
    private static bool IsAlive(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Length > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
