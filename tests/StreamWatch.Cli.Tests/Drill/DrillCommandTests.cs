using StreamWatch.Cli.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Cli.Tests.Drill;

/// <summary>
/// Drills against the real Lab in-process (1 s segments). Assertions are about what was observed and in which
/// order, never about how long it took; the tests' own timeouts only guard against hangs.
/// </summary>
public sealed class DrillCommandTests : IAsyncLifetime
{
    private LabHost _lab = null!;

    public async ValueTask InitializeAsync() => _lab = await LabHost.StartAsync();

    public async ValueTask DisposeAsync() => await _lab.DisposeAsync();

    private string Lab => _lab.Address.AbsoluteUri;

    [Fact]
    public async Task Drill_StaleFault_DetectedThenRecovered_ExitsZeroWithTimelineInOrder()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a", "--for", "4s", "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var lines = new DrillLines(result);
        var baseline = lines.IndexOf("baseline");
        var injected = lines.IndexOf("injected");
        var symptom = lines.IndexOf("symptom", targetedOnly: true);
        var cleared = lines.IndexOf("cleared");
        var recovered = lines.IndexOf("recovered", targetedOnly: true);
        Assert.True(baseline >= 0 && baseline < injected && injected < symptom && symptom < cleared && cleared < recovered, result.ToString());
        Assert.Contains("stale (age ", lines.Events[symptom].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("cdn-a", lines.Events[symptom].GetProperty("cdn").GetString());

        var summary = lines.Summary;
        Assert.True(summary.GetProperty("detected").GetBoolean());
        Assert.True(summary.GetProperty("recovered").GetBoolean());
        Assert.Equal(3, summary.GetProperty("boundSeconds").GetDouble()); // 3 × the 1 s target duration
        Assert.StartsWith("not configured", summary.GetProperty("alerting").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, summary.GetProperty("exitCode").GetInt32());
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_OriginStaleFault_DetectedOnTheOriginAndOnTheCdnsItFeeds()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "stale", "--stream", "stream-1", "--cdn", "origin", "--for", "4s", "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var lines = new DrillLines(result);
        var symptom = lines.Events[lines.IndexOf("symptom", targetedOnly: true)];
        Assert.Equal("origin", symptom.GetProperty("cdn").GetString());
        Assert.Contains("stale (age ", symptom.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The CDN watched for comparison pulls from the frozen origin, so it goes stale too (a CDN fault would not).
        Assert.Contains(lines.Events, e => e.GetProperty("event").GetString() == "symptom"
            && e.GetProperty("cdn").GetString() == "cdn-a" && e.GetProperty("detail").GetString()!.Contains("stale", StringComparison.Ordinal));
        Assert.True(lines.Summary.GetProperty("recovered").GetBoolean());
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_HttpErrorFault_DetectedAsFetchFailureWithTheStatus()
    {
        var result = await CliRunner.RunAsync(
            "drill", "--lab", Lab, "--fault", "http-error", "--param", "status=503", "--stream", "stream-2", "--cdn", "cdn-b", "--rendition", "720p", "--for", "3s", "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var lines = new DrillLines(result);
        var symptom = lines.Events[lines.IndexOf("symptom", targetedOnly: true)];
        Assert.Equal("cdn-b", symptom.GetProperty("cdn").GetString());
        Assert.Equal("720p", symptom.GetProperty("rendition").GetString());
        Assert.Contains("HTTP 503", symptom.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Only 720p was faulted: the other renditions of cdn-b must not show the error.
        Assert.DoesNotContain(lines.Events, e => e.GetProperty("event").GetString() == "symptom"
            && e.GetProperty("rendition").GetString() != "720p" && e.GetProperty("detail").GetString()!.Contains("HTTP 503", StringComparison.Ordinal));
        Assert.True(lines.Summary.GetProperty("detected").GetBoolean());
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_FaultThePlaylistsDoNotShow_ExitsOneNotDetectedAndStillDeletesTheFault()
    {
        // A short delivery delay: playlists still arrive well within the request timeout, so the probe sees nothing.
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "slow", "--param", "delay=50ms", "--stream", "stream-1", "--cdn", "cdn-a", "--rendition", "360p", "--for", "2s", "--format", "jsonl");

        Assert.True(result.ExitCode == ExitCodes.ErrorFindings, result.ToString());
        using var lines = new DrillLines(result);
        Assert.True(lines.IndexOf("injected") < lines.IndexOf("cleared"), result.ToString());
        Assert.Equal(-1, lines.IndexOf("symptom", targetedOnly: true));
        var summary = lines.Summary;
        Assert.False(summary.GetProperty("detected").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, summary.GetProperty("boundSeconds").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, summary.GetProperty("recovered").ValueKind);
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_TextFormat_PrintsTimelineLinesAndSummary()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-b", "--rendition", "480p", "--for", "3s");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var lines = result.StdoutLines;
        Assert.StartsWith("Drill: stale on cdn-b/stream-1 (480p) for 3 s", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^\+0\.0s\s+lab\s+injected f-\d+: stale on cdn-b/stream-1 \(480p\)", lines.First(l => l.Contains("injected", StringComparison.Ordinal)));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\+\d+\.\ds\s+cdn-b 480p\s+stale \(age \d+\.\d s > 1\.5 × 1\.0 s\)$"));
        Assert.Contains(lines, l => l.StartsWith("PASS  stale on cdn-b/stream-1 (480p)", StringComparison.Ordinal));
        Assert.Contains("alerting  not configured: only probe-side observations", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_UnknownStream_ExitsTwoListingTheLabsStreams()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "stale", "--stream", "final-hindi", "--cdn", "cdn-a");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("no stream 'final-hindi'", line, StringComparison.Ordinal);
        Assert.Contains("streams: stream-1, stream-2", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Drill_UnknownCdn_ExitsTwoListingTheStreamsCdns()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-z");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains("CDNs: cdn-a, cdn-b", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_InvalidFaultKind_ExitsTwoWithTheLabsProblemDetailOnOneLine()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", Lab, "--fault", "meltdown", "--stream", "stream-1", "--cdn", "cdn-a", "--for", "2s");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("streamwatch: the Lab refused the fault (HTTP 400): {", line, StringComparison.Ordinal);
        Assert.Contains("\"errors\":{\"kind\":", line, StringComparison.Ordinal);
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_CancelledWhileTheFaultIsIn_DeletesTheFaultAndExitsInterrupted()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var drill = CliRunner.RunAsync(new CliServices(), cancel.Token, "drill", "--lab", Lab, "--fault", "lag", "--stream", "stream-1", "--cdn", "cdn-a", "--for", "5m", "--format", "jsonl");

        // Ctrl+C once the Lab holds the fault (hang guard: 60 s).
        var injected = false;
        using (var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            guard.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                while (!drill.IsCompleted && !(injected = (await _lab.FaultIdsAsync(guard.Token)).Length > 0))
                {
                    await Task.Delay(100, guard.Token);
                }
            }
            catch (OperationCanceledException) when (guard.IsCancellationRequested)
            {
            }
        }

        await cancel.CancelAsync();
        var result = await drill;

        Assert.True(injected, result.ToString());
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
        using var lines = new DrillLines(result);
        Assert.True(lines.IndexOf("injected") < lines.IndexOf("cleared"), result.ToString());
        Assert.True(lines.Summary.GetProperty("interrupted").GetBoolean());
    }

    [Fact]
    public async Task Drill_LabUnreachable_ExitsTwoWithOneLine()
    {
        var result = await CliRunner.RunAsync("drill", "--lab", $"http://127.0.0.1:{FreePort.Next()}", "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains("cannot reach the Lab at", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--param", "status")]
    [InlineData("--param", "cdn=cdn-b")]
    [InlineData("--lab", "ftp://lab")]
    public async Task Drill_InvalidOption_ExitsTwoBeforeCallingTheLab(string option, string value)
    {
        string[] args = ["drill", "--lab", Lab, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a", option, value];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.Contains(option, StringComparison.Ordinal));
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }
}
