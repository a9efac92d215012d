using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Cli.Tests.Watch;

/// <summary>
/// Watches against a real server whose playlist the test scripts per request. Target durations are 1 s and
/// watches last a few seconds; assertions are about what was reported, never about when.
/// </summary>
public sealed class WatchCommandTests
{
    [Fact]
    public async Task Watch_PlaylistAdvancingEveryRequest_PrintsOneOkHeartbeatPerPollWithRisingSequence()
    {
        var requests = 0;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/live.m3u8", () =>
            Results.Text(Playlists.LiveMedia(100 + Interlocked.Increment(ref requests)), PlaylistServer.HlsContentType)));

        var result = await CliRunner.RunAsync("watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "2500ms", "--format", "jsonl");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var lines = new WatchLines(result);
        var heartbeats = lines.Heartbeats.ToArray();
        Assert.InRange(heartbeats.Length, 2, server.Requests);
        Assert.All(heartbeats, h => Assert.Equal("ok", h.GetProperty("state").GetString()));
        Assert.All(heartbeats, h => Assert.True(h.GetProperty("changed").GetBoolean()));
        Assert.All(heartbeats, h => Assert.Equal(1, h.GetProperty("targetDuration").GetDouble()));
        var sequences = heartbeats.Select(h => h.GetProperty("mediaSequence").GetInt64()).ToArray();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(101, sequences[0]);
        Assert.DoesNotContain(lines.Findings, f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public async Task Watch_MediaSequenceRegresses_PrintsLiveRegressionFinding()
    {
        var requests = 0;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/live.m3u8", () =>
        {
            var n = Interlocked.Increment(ref requests);
            return Results.Text(Playlists.LiveMedia(n == 1 ? 500 : 200), PlaylistServer.HlsContentType);
        }));

        var result = await CliRunner.RunAsync("watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "3s", "--format", "jsonl");

        using var lines = new WatchLines(result);
        var finding = Assert.Single(lines.Findings, f => f.GetProperty("code").GetString() == "LIVE-MEDIA-SEQUENCE-REGRESSION");
        JsonContract.AssertFinding(finding);
        Assert.Equal(server.Url("live.m3u8").AbsoluteUri, finding.GetProperty("url").GetString());
        Assert.Equal(finding.GetProperty("severity").GetString() == "error" ? ExitCodes.ErrorFindings : ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task Watch_PlaylistFreezes_ReportsStaleHeartbeatAndOneStaleFinding()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string> { ["live.m3u8"] = Playlists.LiveMedia(42) });

        var result = await CliRunner.RunAsync("watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "4s", "--format", "jsonl");

        Assert.Equal(ExitCodes.ErrorFindings, result.ExitCode);
        using var lines = new WatchLines(result);
        var stale = lines.Heartbeats.Where(h => h.GetProperty("state").GetString() == "stale").ToArray();
        Assert.NotEmpty(stale);
        Assert.All(stale, h => Assert.True(h.GetProperty("stale").GetBoolean()));
        Assert.All(stale, h => Assert.True(h.GetProperty("ageSeconds").GetDouble() > 1.5));
        Assert.All(lines.Heartbeats.Skip(1), h => Assert.False(h.GetProperty("changed").GetBoolean()));
        Assert.Single(lines.Findings, f => f.GetProperty("code").GetString() == "LIVE-PLAYLIST-STALE");
    }

    [Fact]
    public async Task Watch_ServerFailsThenRecovers_ReportsFetchFailedOnceAndKeepsPolling()
    {
        var requests = 0;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/live.m3u8", () =>
        {
            var n = Interlocked.Increment(ref requests);
            return n is 2 or 3
                ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                : Results.Text(Playlists.LiveMedia(100 + n), PlaylistServer.HlsContentType);
        }));

        var result = await CliRunner.RunAsync("watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "4s", "--format", "jsonl");

        Assert.Equal(ExitCodes.ErrorFindings, result.ExitCode);
        using var lines = new WatchLines(result);
        var failed = Assert.Single(lines.Findings, f => f.GetProperty("code").GetString() == "LIVE-FETCH-FAILED");
        Assert.Contains("HTTP 503", failed.GetProperty("message").GetString(), StringComparison.Ordinal);
        var states = lines.Heartbeats.Select(h => h.GetProperty("state").GetString()).ToArray();
        Assert.Equal(new string?[] { "ok", "fetch-failed", "fetch-failed", "ok" }, states.Take(4));
        Assert.Contains(lines.Findings, f => f.GetProperty("code").GetString() == "LIVE-FETCH-RECOVERED");
    }

    [Fact]
    public async Task Watch_Multivariant_WatchesEveryMediaPlaylist()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string>
        {
            ["master.m3u8"] = Playlists.Multivariant("720p.m3u8", "480p.m3u8"),
            ["720p.m3u8"] = Playlists.LiveMedia(9),
            ["480p.m3u8"] = Playlists.LiveMedia(9),
        });

        var result = await CliRunner.RunAsync("watch", server.Url("master.m3u8").AbsoluteUri, "--duration", "1500ms", "--format", "jsonl");

        using var lines = new WatchLines(result);
        var urls = lines.Heartbeats.Select(h => h.GetProperty("url").GetString()).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new string?[] { server.Url("480p.m3u8").AbsoluteUri, server.Url("720p.m3u8").AbsoluteUri }, urls);
    }

    [Fact]
    public async Task Watch_TextFormat_PrintsHeartbeatAndFindingLines()
    {
        var requests = 0;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/live.m3u8", () =>
            Results.Text(Playlists.LiveMedia(Interlocked.Increment(ref requests) == 1 ? 500 : 200), PlaylistServer.HlsContentType)));

        var result = await CliRunner.RunAsync("watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "2500ms");

        Assert.Equal("Watching live.m3u8 for 2.5 s (Ctrl+C to stop)", result.StdoutLines[0]);
        Assert.Contains(result.StdoutLines, l => l.Contains("live.m3u8  seq 500  changed", StringComparison.Ordinal) && l.Contains("  ok  next ", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.Contains("LIVE-MEDIA-SEQUENCE-REGRESSION", StringComparison.Ordinal));
        Assert.Matches("^(OK|FAIL)  [0-9]+ polls in [0-9.]+ s, [0-9]+ errors, [0-9]+ warnings, [0-9]+ info$", result.StdoutLines[^1]);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_DynamicMpd_PollsAtMinimumUpdatePeriodWithHeartbeats()
    {
        var availabilityStart = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var mpd = $$"""
            <?xml version="1.0"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="dynamic" profiles="urn:mpeg:dash:profile:isoff-live:2011"
                 availabilityStartTime="{{availabilityStart}}" minimumUpdatePeriod="PT1S" timeShiftBufferDepth="PT30S" minBufferTime="PT2S">
              <Period id="p0" start="PT0S">
                <AdaptationSet mimeType="video/mp4" segmentAlignment="true">
                  <SegmentTemplate timescale="1000" duration="2000" media="$Number$.m4s" initialization="init.mp4" startNumber="1"/>
                  <Representation id="v" bandwidth="1000000" codecs="avc1.64001f" width="1280" height="720"/>
                </AdaptationSet>
              </Period>
            </MPD>
            """;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/manifest.mpd", () => Results.Text(mpd, "application/dash+xml")));

        var result = await CliRunner.RunAsync("watch", server.Url("manifest.mpd").AbsoluteUri, "--duration", "2500ms", "--format", "jsonl");

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ErrorFindings, result.ToString());
        using var lines = new WatchLines(result);
        var heartbeats = lines.Heartbeats.ToArray();
        Assert.InRange(heartbeats.Length, 2, server.Requests);
        Assert.All(heartbeats, h => Assert.Equal(server.Url("manifest.mpd").AbsoluteUri, h.GetProperty("url").GetString()));
        Assert.All(heartbeats, h => Assert.NotEqual("fetch-failed", h.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Watch_Cancelled_EndsCleanlyBeforeDuration()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string> { ["live.m3u8"] = Playlists.LiveMedia(1, targetDuration: 10) });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(2));

        var result = await CliRunner.RunAsync(new CliServices(), cancel.Token, "watch", server.Url("live.m3u8").AbsoluteUri, "--duration", "1h", "--format", "jsonl");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var lines = new WatchLines(result);
        Assert.Single(lines.Heartbeats);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Watch_InputUnreachable_ExitsTwoWithOneLine()
    {
        var result = await CliRunner.RunAsync("watch", $"http://127.0.0.1:{FreePort.Next()}/live.m3u8", "--duration", "1s");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains("cannot connect", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_MultivariantWithoutMediaPlaylists_ExitsTwo()
    {
        // A variant tag without its URI line: multivariant, but nothing to poll.
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string> { ["master.m3u8"] = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100000\n" });

        var result = await CliRunner.RunAsync("watch", server.Url("master.m3u8").AbsoluteUri, "--duration", "1s");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains("names no media playlists", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_EndedPlaylist_ReportsEndedAndStops()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string> { ["vod.m3u8"] = Playlists.LiveMedia(0, endList: true) });

        var result = await CliRunner.RunAsync("watch", server.Url("vod.m3u8").AbsoluteUri, "--duration", "1s", "--format", "jsonl");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var lines = new WatchLines(result);
        Assert.Equal("ended", Assert.Single(lines.Heartbeats).GetProperty("state").GetString());
        Assert.Equal(1, server.Requests);
    }
}
