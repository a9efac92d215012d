using StreamWatch.Testing.Processes;

namespace StreamWatch.Testing.Tests.Processes;

public sealed class RedisServerTests
{
    [Fact]
    public async Task StartAsync_ServesOnItsPort_AndDisposeLeavesNoProcess()
    {
        var ct = TestContext.Current.CancellationToken;
        var redis = await RedisServer.StartAsync(cancellationToken: ct);
        int pid;
        try
        {
            Assert.Equal("+OK", await redis.CommandAsync(ct, "SET", "k", "v"));
            Assert.Equal("$1\r\nv", await redis.CommandAsync(ct, "GET", "k"));
            var info = await redis.CommandAsync(ct, "INFO", "server");
            pid = int.Parse(System.Text.RegularExpressions.Regex.Match(info, @"process_id:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(CommandLineHasPort(pid, redis.Port));
        }
        finally
        {
            await redis.DisposeAsync();
        }

        Assert.False(File.Exists($"/proc/{pid}/status") && !IsZombie(pid), $"redis-server {pid} outlived its fixture");
        Assert.False(Directory.Exists(redis.DataDirectory));
    }

    [Fact]
    public async Task KillThenRestart_WithAppendOnly_KeepsData()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync(appendOnly: true, cancellationToken: ct);
        Assert.Equal("+OK", await redis.CommandAsync(ct, "SET", "survives", "yes"));

        redis.Kill();
        Assert.False(redis.IsRunning);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => redis.CommandAsync(ct, "PING"));

        await redis.RestartAsync(ct);
        Assert.Equal("$3\r\nyes", await redis.CommandAsync(ct, "GET", "survives"));
    }

    private static bool CommandLineHasPort(int pid, int port)
    {
        var path = $"/proc/{pid}/cmdline";
        return File.Exists(path) && File.ReadAllText(path).Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static bool IsZombie(int pid)
        => File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);
}
