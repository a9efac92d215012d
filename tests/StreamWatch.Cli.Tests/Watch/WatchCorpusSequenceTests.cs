using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Testing;
using StreamWatch.Testing.Time;

namespace StreamWatch.Cli.Tests.Watch;

/// <summary>
/// Replays recorded live-playlist sequences (hls-monitor's test vectors, one file per poll) through a real server
/// while a manual clock stands in for their 10 s target durations: the watch must report the continuity fault.
/// </summary>
public sealed class WatchCorpusSequenceTests
{
    [Theory]
    [InlineData("eyevinn-hlsmonitor__seq01-segment-continuity", "LIVE-SEGMENT-CONTINUITY")]
    [InlineData("eyevinn-hlsmonitor__seq04-mseq-regression", "LIVE-MEDIA-SEQUENCE-REGRESSION")]
    [InlineData("eyevinn-hlsmonitor__seq05-discseq-too-big", "LIVE-DISCONTINUITY-SEQUENCE-TOO-BIG")]
    public async Task Watch_RecordedFaultySequence_ReportsContinuityFinding(string sequence, string expectedCode)
    {
        var folder = Corpus.File(Path.Combine("hls", "sequences", sequence));
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "expected.json"), TestContext.Current.CancellationToken));
        var polls = expected.RootElement.GetProperty("files").EnumerateArray().Select(f => File.ReadAllText(Path.Combine(folder, f.GetString()!))).ToArray();
        var served = 0;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/level0.m3u8", () =>
        {
            var n = Interlocked.Increment(ref served);
            return Results.Text(polls[Math.Min(n, polls.Length) - 1], PlaylistServer.HlsContentType);
        }));
        var time = new ManualTimeProvider();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var watch = CliRunner.RunAsync(new CliServices { Time = time }, stop.Token, "watch", server.Url("level0.m3u8").AbsoluteUri, "--duration", "1h", "--format", "jsonl");

        // One more request than there are polls proves the last poll was handled. The clock moves in small steps
        // so a step taken while the watcher is between its fetch and its next timer only delays that poll a little.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref served) <= polls.Length && DateTime.UtcNow < deadline && !watch.IsCompleted)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await stop.CancelAsync();
        var result = await watch;

        Assert.True(served > polls.Length, $"only {served} of {polls.Length + 1} requests arrived\n{result}");
        using var lines = new WatchLines(result);
        var finding = Assert.Single(lines.Findings, f => f.GetProperty("code").GetString() == expectedCode);
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(ExitCodes.ErrorFindings, result.ExitCode);
    }
}
