using StreamWatch.Media.Hls;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

public sealed class HlsCorpusTests
{
    public static TheoryData<string> Playlists => Corpus.Files("hls", "*.m3u8", SearchOption.AllDirectories);

    [Theory]
    [MemberData(nameof(Playlists))]
    public void Analyze_CorpusPlaylist_ParsesWithWellFormedFindings(string file)
    {
        var analysis = Hls.File(file);

        Assert.True(analysis.Kind is ManifestKind.HlsMedia or ManifestKind.HlsMultivariant, $"{file} was detected as {analysis.Kind}");
        foreach (var finding in analysis.Findings)
        {
            Assert.Matches("^HLS-[A-Z0-9-]+$", finding.Code);
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
            Assert.Equal(analysis.Url, finding.Url);
        }
    }

    [Theory]
    [MemberData(nameof(Playlists))]
    public void Detect_NonEmptyCorpusPlaylist_IsHls(string file)
    {
        var bytes = File.ReadAllBytes(Corpus.File(file));
        Assert.SkipWhen(bytes.Length == 0, "An empty body is no manifest at all; HlsPlaylistParser reports HLS-EMPTY for it.");

        Assert.Equal(ManifestKind.HlsMedia, ManifestAnalyzer.Detect(bytes));
    }

    public static TheoryData<string, string[]> Malformed => new()
    {
        { "hls/m3u8parser__manifestNoExtM3u.m3u8", ["HLS-MISSING-EXTM3U"] },
        { "hls/m3u8parser__start.m3u8", ["HLS-MISSING-EXTM3U"] },
        { "hls/m3u8parser__manifestExtXEndlistEarly.m3u8", ["HLS-SEGMENT-AFTER-ENDLIST"] },
        { "hls/m3u8parser__missingExtinf.m3u8", ["HLS-URI-WITHOUT-EXTINF", "HLS-EXTINF-SYNTAX"] },
        { "hls/m3u8parser__invalidTargetDuration.m3u8", ["HLS-TARGETDURATION-INVALID"] },
        { "hls/m3u8parser__llhls-byte-range.m3u8", ["HLS-BYTERANGE-INVALID", "HLS-BYTERANGE-NO-PREVIOUS", "HLS-PART-WITHOUT-PART-INF"] },
        { "hls/m3u8parser__byteRange.m3u8", ["HLS-BYTERANGE-NO-PREVIOUS"] },
        { "hls/m3u8parser__streamInfInvalid.m3u8", ["HLS-EXTM3U-NOT-FIRST", "HLS-ATTRIBUTE-MISSING"] },
        { "hls/m3u8parser__master.m3u8", ["HLS-EXTM3U-NOT-FIRST"] },
        { "hls/m3u8parser__twoMediaSequences.m3u8", ["HLS-DUPLICATE-TAG"] },
        { "hls/m3u8parser__negativeMediaSequence.m3u8", ["HLS-MEDIA-SEQUENCE-NEGATIVE"] },
        { "hls/m3u8parser__empty.m3u8", ["HLS-EMPTY"] },
        { "hls/m3u8parser__llhlsDelta.m3u8", ["HLS-ATTRIBUTE-NOT-QUOTED"] },
        { "hls/hlsjs__dup-targetduration.m3u8", ["HLS-DUPLICATE-TAG"] },
        { "hls/hlsjs__mediaseq-after-segment.m3u8", ["HLS-MEDIA-SEQUENCE-AFTER-SEGMENT"] },
        { "hls/hlsjs__broken-master.m3u8", ["HLS-MISSING-EXTM3U"] },
        { "hls/shakaplayer__aes256.m3u8", ["HLS-EXTINF-SYNTAX"] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Analyze_MalformedCorpusPlaylist_ReportsExpectedFindings(string file, string[] expected)
    {
        var codes = Hls.Codes(Hls.File(file).Findings);

        foreach (var code in expected)
        {
            Assert.Contains(code, codes);
        }
    }

    public static TheoryData<string> WellFormed => new()
    {
        "hls/shakapackager__live-segment-deletion-audio.m3u8",
        "hls/shakapackager__event-playlist.m3u8",
        "hls/shakaplayer__pdt-per-segment.m3u8",
        "hls/carlanton__multivariant-apple-multivariant.m3u8",
        "hls/m3u8parser__llhls.m3u8",
        "hls/hlsjs__llhls-parts.m3u8",
        "hls/m3u8parser__disc-sequence.m3u8",
        "hls/sequences/eyevinn-hlsmonitor__multivariant.m3u8",
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Analyze_ValidCorpusPlaylist_ReportsNoErrors(string file)
    {
        var errors = Hls.File(file).Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Code} line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void Analyze_BrokenMaster_HasNoVariants()
    {
        var analysis = Hls.File("hls/hlsjs__broken-master.m3u8");

        // hls.js: "no levels found in manifest". The glued first line is not a STREAM-INF, so nothing is a variant.
        Assert.NotEqual(ManifestKind.HlsMultivariant, analysis.Kind);
        Assert.Empty(analysis.ChildPlaylists);
    }
}
