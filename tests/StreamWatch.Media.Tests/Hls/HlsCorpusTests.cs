using StreamWatch.Media.Hls;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

public sealed class HlsCorpusTests
{
    private static readonly HashSet<string> DocumentedCodes = typeof(HlsFindingCodes)
        .GetFields()
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void FindingCodes_AreUniqueUpperCaseAndPrefixed()
    {
        var all = typeof(HlsFindingCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(all.Count, DocumentedCodes.Count);
        Assert.All(all, c => Assert.Matches("^(HLS|LIVE)-[A-Z0-9]+(-[A-Z0-9]+)*$", c));
    }

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
            Assert.Contains(finding.Code, DocumentedCodes);
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

    [Fact]
    public void Analyze_AppleMultivariant_ExposesVariantsRenditionsIFramesAndSteering()
    {
        var mv = Assert.IsType<HlsMultivariantAnalysis>(Hls.File("hls/carlanton__multivariant-apple-multivariant.m3u8"));
        var p = mv.Playlist;

        Assert.Equal((24, 6, 5), (p.Variants.Count, p.IFrameStreams.Count, p.Renditions.Count));
        Assert.Equal((6, true), (p.Version, p.HasIndependentSegments));
        Assert.Equal(new HlsStart(2.4, true, 4), p.Start);
        Assert.Equal(new Uri("https://cdn.example/steering?video=00012"), p.ContentSteering!.ServerUri);
        Assert.Equal("CDN-A", p.ContentSteering.PathwayId);

        var first = p.Variants[0];
        Assert.Equal(new Uri("https://cdn.example/corpus/v5/prog_index.m3u8"), first.Uri);
        Assert.Equal((2_177_116L, 2_168_183L, "avc1.640020,mp4a.40.2"), (first.Bandwidth, first.AverageBandwidth!.Value, first.Codecs));
        Assert.Equal((new HlsResolution(960, 540), 60.0), (first.Resolution!.Value, first.FrameRate!.Value));
        Assert.Equal(("aud1", "sub1", "cc1", (string?)null), (first.Audio, first.Subtitles, first.ClosedCaptions, first.Video));
        Assert.Equal(7, first.Line);

        var expectedChildren = p.Variants.Select(v => v.Uri).Concat(p.Renditions.Select(r => r.Uri)).Concat(p.IFrameStreams.Select(i => i.Uri))
            .OfType<Uri>().Distinct().Count();
        Assert.Equal(expectedChildren, mv.ChildPlaylists.Count);
        Assert.Equal(mv.ChildPlaylists.Count, mv.ChildPlaylists.Distinct().Count());
        Assert.DoesNotContain(mv.Findings, f => f.Severity == FindingSeverity.Error);
    }
}
