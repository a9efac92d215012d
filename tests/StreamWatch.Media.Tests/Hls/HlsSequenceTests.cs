using System.Text.Json;
using StreamWatch.Media.Hls;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

/// <summary>
/// Eyevinn hls-monitor's live poll sequences: each consecutive pair of polls is compared the way the
/// watcher does; the one faulty transition reports the facts hls-monitor reports, every other transition nothing.
/// </summary>
public sealed class HlsSequenceTests
{
    public static TheoryData<string, int, string, string[]> Sequences => new()
    {
        // case, faulty transition (poll N-1 -> N), code, facts the message must carry
        { "eyevinn-hlsmonitor__seq01-segment-continuity", 2, "LIVE-SEGMENT-CONTINUITY", ["media sequence 2", "expected 'index_0_2.ts'", "got 'index_0_1.ts'", "first segment"] },
        { "eyevinn-hlsmonitor__seq04-mseq-regression", 3, "LIVE-MEDIA-SEQUENCE-REGRESSION", ["expected media sequence >= 3, got 2"] },
        { "eyevinn-hlsmonitor__seq05-discseq-too-big", 3, "LIVE-DISCONTINUITY-SEQUENCE-TOO-BIG", ["media sequence 3", "expected 11, got 12", "too big"] },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Compare_HlsMonitorSequence_ReportsExactlyTheFaultyTransition(string sequence, int faultyPoll, string code, string[] facts)
    {
        var folder = Path.Combine(Corpus.RequireRoot(), "hls", "sequences", sequence);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var files = doc.RootElement.GetProperty("files").EnumerateArray().Select(x => x.GetString()!).ToArray();
        var url = new Uri("https://cdn.example/live/level_0.m3u8");
        var polls = files
            .Select(f => HlsPlaylistParser.Analyze(File.ReadAllBytes(Path.Combine(folder, f)), url, Hls.At))
            .ToArray();

        Assert.False(doc.RootElement.GetProperty("expected_no_errors").GetBoolean());
        for (var i = 1; i < polls.Length; i++)
        {
            var findings = ManifestAnalyzer.Compare(polls[i - 1], polls[i]);
            if (i != faultyPoll)
            {
                Assert.True(findings.Count == 0, $"poll {i - 1} -> {i}: {string.Join("; ", findings.Select(f => f.Message))}");
                continue;
            }

            var finding = Assert.Single(findings);
            Assert.Equal(code, finding.Code);
            Assert.Equal(FindingSeverity.Error, finding.Severity);
            Assert.Equal(url, finding.Url);
            foreach (var fact in facts)
            {
                Assert.Contains(fact, finding.Message, StringComparison.Ordinal);
            }
        }

        foreach (var poll in polls)
        {
            Assert.Empty(poll.Findings);
        }
    }

    [Fact]
    public void CrossCheck_HlsMonitorMultivariantWithItsLevels_ReportsNothing()
    {
        var root = Path.Combine(Corpus.RequireRoot(), "hls", "sequences");
        var master = HlsPlaylistParser.Analyze(File.ReadAllBytes(Path.Combine(root, "eyevinn-hlsmonitor__multivariant.m3u8")), new Uri("https://cdn.example/live/master.m3u8"), Hls.At);
        var level0 = HlsPlaylistParser.Analyze(
            File.ReadAllBytes(Path.Combine(root, "eyevinn-hlsmonitor__seq01-segment-continuity", "level0_poll0.m3u8")), new Uri("https://cdn.example/live/level_0.m3u8"), Hls.At);
        var level1 = HlsPlaylistParser.Analyze(
            File.ReadAllBytes(Path.Combine(root, "eyevinn-hlsmonitor__seq01-segment-continuity", "level0_poll0.m3u8")), new Uri("https://cdn.example/live/level_1.m3u8"), Hls.At);

        Assert.Equal([new Uri("https://cdn.example/live/level_0.m3u8"), new Uri("https://cdn.example/live/level_1.m3u8")], master.ChildPlaylists);
        Assert.Empty(ManifestAnalyzer.CrossCheck(master, [level0, level1]));
    }
}
