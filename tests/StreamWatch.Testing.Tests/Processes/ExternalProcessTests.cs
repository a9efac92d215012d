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
        Assert.False(File.Exists($"/proc/{child}/cmdline") && File.ReadAllText($"/proc/{child}/cmdline").Length > 0, $"child {child} outlived the fixture");
        File.Delete(marker);
    }
}
