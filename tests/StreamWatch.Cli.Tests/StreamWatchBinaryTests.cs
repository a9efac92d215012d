using System.Diagnostics;
using System.Runtime.InteropServices;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Testing;

namespace StreamWatch.Cli.Tests;

/// <summary>The built <c>streamwatch</c> program run as a real process, as a person or a script runs it.</summary>
public sealed class StreamWatchBinaryTests
{
    private const int SigInt = 2;

    [Fact]
    public async Task Check_DemoSampleAsProcess_ExitsZeroAndPrintsTable()
    {
        using var process = Start("check", Path.Combine(Corpus.RepositoryRoot, "samples", "demo", "master.m3u8"));
        var (stdout, stderr) = await ReadToEndAsync(process);

        Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("hls-multivariant", stdout, StringComparison.Ordinal);
        Assert.Contains("video/720p/playlist.m3u8", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_JsonFormatAsProcess_SerializesWithReflectionDisabled()
    {
        // The program's runtimeconfig turns reflection-based System.Text.Json off: this only works source-generated.
        using var process = Start("check", Path.Combine(Corpus.RepositoryRoot, "samples", "demo", "master.m3u8"), "--format", "json");
        var (stdout, stderr) = await ReadToEndAsync(process);

        Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        JsonContract.AssertCheckReport(json.RootElement);
    }

    [Fact]
    public async Task Check_MissingFileAsProcess_ExitsTwoWithOneStderrLine()
    {
        using var process = Start("check", "/nonexistent/streamwatch/master.m3u8");
        var (stdout, stderr) = await ReadToEndAsync(process);

        Assert.Equal(ExitCodes.InputUnavailable, process.ExitCode);
        Assert.Empty(stdout);
        Assert.Equal("streamwatch: cannot fetch file:///nonexistent/streamwatch/master.m3u8: no such file: /nonexistent/streamwatch/master.m3u8", stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Watch_InterruptedWithCtrlC_ExitsZeroCleanly()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Sends SIGINT.");
        // The playlist never changes: with a 1 s target duration it is stale (an error finding, exit 1) after 1.5 s, which a
        // loaded machine can take to deliver the signal. A 60 s target duration keeps "clean" meaning clean.
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string> { ["live.m3u8"] = Playlists.LiveMedia(1, targetDuration: 60) });
        using var process = Start("watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "1h", "--format", "jsonl");

        // The first heartbeat line means the watch is running; then Ctrl+C.
        var first = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"type\":\"heartbeat\"", first, StringComparison.Ordinal);
        Assert.Equal(0, Kill(process.Id, SigInt));
        var (_, stderr) = await ReadToEndAsync(process);

        Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}: {stderr}");
    }

    [Fact]
    public async Task Drill_InterruptedWithCtrlC_DeletesTheFaultAndExits130()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Sends SIGINT.");
        await using var lab = await LabHost.StartAsync();
        using var process = Start("drill", "--lab", lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a", "--for", "10m", "--format", "jsonl");

        // The "injected" line means the Lab holds the fault; then Ctrl+C, which must delete it within the 2 s grace.
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
        }
        while (line is not null && !line.Contains("\"event\":\"injected\"", StringComparison.Ordinal));

        Assert.NotNull(line);
        Assert.Single(await lab.FaultIdsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, Kill(process.Id, SigInt));
        var (stdout, stderr) = await ReadToEndAsync(process);

        Assert.True(process.ExitCode == ExitCodes.Interrupted, $"exit {process.ExitCode}: {stderr}");
        Assert.Empty(await lab.FaultIdsAsync(TestContext.Current.CancellationToken));
        Assert.Contains("\"event\":\"cleared\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"interrupted\":true", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_WebhookReceiverAsProcess_VerifiesSignedDeliveriesAndExitsZero()
    {
        // The program's own runtime (ASP.NET Core shared framework, reflection-free JSON) hosting the receiver.
        await using var lab = await LabHost.StartAsync();
        var listen = new Uri($"http://127.0.0.1:{StreamWatch.Testing.Processes.FreePort.Next()}/");
        using var process = Start(
            "drill", "--lab", lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-b", "--for", "3s",
            "--webhook-listen", listen.AbsoluteUri, "--webhook-secret", "s3cret", "--wait-for-resolve", "60s", "--format", "jsonl");
        using var sender = new WebhookSender(listen, "s3cret");
        var alert = GatewayStandIn.Alert("firing", cdn: "cdn-b");

        Assert.NotNull(await ReadUntilAsync(process, "\"event\":\"injected\""));
        var firing = await sender.PostAsync("p-1", "firing", WebhookSender.Payload("p-1", "firing", alert));
        Assert.NotNull(await ReadUntilAsync(process, "\"event\":\"cleared\""));
        var resolved = await sender.PostAsync("p-2", "resolved", WebhookSender.Payload("p-2", "resolved", alert, recommend: false));
        var (stdout, stderr) = await ReadToEndAsync(process);

        Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK), (firing, resolved));
        Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        var summary = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var json = System.Text.Json.JsonDocument.Parse(summary);
        Assert.True(json.RootElement.GetProperty("webhookFiring").GetBoolean());
        Assert.True(json.RootElement.GetProperty("webhookResolved").GetBoolean());
        Assert.Equal("cdn-b", json.RootElement.GetProperty("webhookRecommendation").GetProperty("to").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("alertFired").ValueKind);
    }

    // Reads stdout lines until one contains marker; null when the output ended first (hang guard: 60 s).
    private static async Task<string?> ReadUntilAsync(Process process, string marker)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.Contains(marker, StringComparison.Ordinal));

        return line;
    }

    private static Process Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streamwatch.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("streamwatch did not start");
    }

    private static async Task<(string Stdout, string Stderr)> ReadToEndAsync(Process process)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (await stdout, await stderr);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
