using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Cli.Tests.Support;

namespace StreamWatch.Cli.Tests.Check;

public sealed class CheckCommandHttpTests
{
    [Fact]
    public async Task Check_MultivariantOverHttp_FetchesEveryVariantAndReportsEachPlaylist()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string>
        {
            ["live/master.m3u8"] = Playlists.Multivariant("720p/index.m3u8", "480p/index.m3u8"),
            ["live/720p/index.m3u8"] = Playlists.LiveMedia(500),
            ["live/480p/index.m3u8"] = Playlists.LiveMedia(500),
        });

        var result = await CliRunner.RunAsync("check", server.Url("live/master.m3u8").AbsoluteUri, "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonContract.AssertCheckReport(json.RootElement);
        Assert.Equal("hls-multivariant", json.RootElement.GetProperty("kind").GetString());
        var urls = json.RootElement.GetProperty("playlists").EnumerateArray().Select(p => p.GetProperty("url").GetString()).ToArray();
        Assert.Equal(new string?[] { server.Url("live/720p/index.m3u8").AbsoluteUri, server.Url("live/480p/index.m3u8").AbsoluteUri }, urls);
        Assert.Equal(3, server.Requests);
        Assert.StartsWith("StreamWatch/", server.LastUserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ManyVariants_FetchesConcurrentlyButAtMostEightAtOnce()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        var variants = Enumerable.Range(0, 20).Select(i => $"v{i}.m3u8").ToArray();
        await using var server = await PlaylistServer.StartAsync(app =>
        {
            app.MapGet("/master.m3u8", () => Results.Text(Playlists.Multivariant(variants), PlaylistServer.HlsContentType));
            app.MapGet("/{variant}", async (string variant, HttpContext context) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, now);
                try
                {
                    // Long enough that the requests overlap whenever the client lets them.
                    await Task.Delay(TimeSpan.FromMilliseconds(150), context.RequestAborted);
                    return Results.Text(Playlists.LiveMedia(1), PlaylistServer.HlsContentType);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            });
        });

        var result = await CliRunner.RunAsync("check", server.Url("master.m3u8").AbsoluteUri, "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(21, server.Requests);
        Assert.InRange(Volatile.Read(ref mostInFlight), 2, 8);
    }

    [Fact]
    public async Task Check_VariantsWithDifferentTargetDurations_ReportsCrossCheckFinding()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string>
        {
            ["master.m3u8"] = Playlists.Multivariant("a.m3u8", "b.m3u8"),
            ["a.m3u8"] = Playlists.LiveMedia(10, targetDuration: 2, segments: 6),
            ["b.m3u8"] = Playlists.LiveMedia(10, targetDuration: 4, segments: 3),
        });

        var result = await CliRunner.RunAsync("check", server.Url("master.m3u8").AbsoluteUri, "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains(JsonContract.Findings(json.RootElement), f => f.GetProperty("code").GetString() == "HLS-VARIANTS-TARGET-DURATION-DIFFER");
    }

    [Fact]
    public async Task Check_OneVariantReturns404_ReportsVariantUnavailableErrorAndExitsOne()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string>
        {
            ["master.m3u8"] = Playlists.Multivariant("720p.m3u8", "480p.m3u8"),
            ["720p.m3u8"] = Playlists.LiveMedia(500),
        });

        var result = await CliRunner.RunAsync("check", server.Url("master.m3u8").AbsoluteUri, "--format", "json");

        Assert.Equal(ExitCodes.ErrorFindings, result.ExitCode);
        Assert.Empty(result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonContract.AssertCheckReport(json.RootElement);
        var unavailable = Assert.Single(JsonContract.Findings(json.RootElement), f => f.GetProperty("code").GetString() == "HLS-VARIANT-UNAVAILABLE");
        Assert.Equal("error", unavailable.GetProperty("severity").GetString());
        Assert.Equal(server.Url("480p.m3u8").AbsoluteUri, unavailable.GetProperty("url").GetString());
        Assert.Contains("HTTP 404", unavailable.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(json.RootElement.GetProperty("playlists").EnumerateArray());
    }

    [Fact]
    public async Task Check_VariantServesHtml_ReportsVariantUnavailableNamingTheBody()
    {
        await using var server = await PlaylistServer.StartAsync(app =>
        {
            app.MapGet("/master.m3u8", () => Results.Text(Playlists.Multivariant("720p.m3u8"), PlaylistServer.HlsContentType));
            app.MapGet("/720p.m3u8", () => Results.Content("<html>captive portal</html>", "text/html"));
        });

        var result = await CliRunner.RunAsync("check", server.Url("master.m3u8").AbsoluteUri, "--format", "json");

        Assert.Equal(ExitCodes.ErrorFindings, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var finding = Assert.Single(JsonContract.Findings(json.RootElement), f => f.GetProperty("code").GetString() == "HLS-VARIANT-UNAVAILABLE");
        Assert.Equal(
            "The playlist is neither an HLS playlist nor a DASH MPD (Content-Type text/html; starts with \"<html>captive portal</html>\").",
            finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Check_InputRedirected_ResolvesVariantsAgainstFinalUrl()
    {
        await using var server = await PlaylistServer.StartAsync(app =>
        {
            app.MapGet("/entry.m3u8", () => Results.Redirect("/origin/stream/master.m3u8"));
            app.MapGet("/origin/stream/master.m3u8", () => Results.Text(Playlists.Multivariant("v.m3u8"), PlaylistServer.HlsContentType));
            app.MapGet("/origin/stream/v.m3u8", () => Results.Text(Playlists.LiveMedia(7), PlaylistServer.HlsContentType));
        });

        var result = await CliRunner.RunAsync("check", server.Url("entry.m3u8").AbsoluteUri, "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(server.Url("origin/stream/master.m3u8").AbsoluteUri, json.RootElement.GetProperty("url").GetString());
        var playlist = Assert.Single(json.RootElement.GetProperty("playlists").EnumerateArray());
        Assert.Equal(server.Url("origin/stream/v.m3u8").AbsoluteUri, playlist.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Check_TextFormat_PrintsPlaylistsTableAndFindingsBySeverity()
    {
        await using var server = await PlaylistServer.StartAsync(new Dictionary<string, string>
        {
            ["master.m3u8"] = Playlists.Multivariant("720p.m3u8", "480p.m3u8"),
            ["720p.m3u8"] = Playlists.LiveMedia(500),
        });

        var result = await CliRunner.RunAsync("check", server.Url("master.m3u8").AbsoluteUri);

        Assert.Equal(ExitCodes.ErrorFindings, result.ExitCode);
        Assert.Contains("Playlists", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Media seq", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("720p.m3u8", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Errors (1)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("HLS-VARIANT-UNAVAILABLE", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("FAIL", result.StdoutLines[^1], StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
