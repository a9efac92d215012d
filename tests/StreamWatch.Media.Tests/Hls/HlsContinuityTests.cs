using System.Text;
using StreamWatch.Media.Hls;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

public sealed class HlsContinuityTests
{
    private static ManifestAnalysis Snapshot(long mseq, long dseq = 0, string? tags = null, params string[] segments)
    {
        var b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n");
        b.Append("#EXT-X-MEDIA-SEQUENCE:").Append(mseq).Append('\n');
        b.Append("#EXT-X-DISCONTINUITY-SEQUENCE:").Append(dseq).Append('\n');
        b.Append(tags);
        foreach (var s in segments)
        {
            // "!name" marks a discontinuity before the segment; "name@date" gives it a PROGRAM-DATE-TIME.
            var name = s;
            if (name.StartsWith('!'))
            {
                b.Append("#EXT-X-DISCONTINUITY\n");
                name = name[1..];
            }

            var at = name.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                b.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(name[(at + 1)..]).Append('\n');
                name = name[..at];
            }

            b.Append("#EXTINF:6.0,\n").Append(name).Append('\n');
        }

        return Hls.Analyze(b.ToString());
    }

    [Fact]
    public void Compare_NormalSlide_ReportsNothing()
    {
        var a = Snapshot(10, 3, null, "s10.ts", "!s11.ts", "s12.ts");
        var b = Snapshot(11, 3, null, "!s11.ts", "s12.ts", "s13.ts", "!s14.ts");
        var c = Snapshot(12, 4, null, "s12.ts", "s13.ts", "!s14.ts");

        Assert.Empty(ManifestAnalyzer.Compare(a, b));
        Assert.Empty(ManifestAnalyzer.Compare(b, c));
        Assert.Empty(ManifestAnalyzer.Compare(c, c));
    }

    [Fact]
    public void Compare_DiscontinuitySequenceNotAdvancedWhenTagSlidOut_IsTooSmall()
    {
        var a = Snapshot(11, 3, null, "!s11.ts", "s12.ts");
        var b = Snapshot(12, 3, null, "s12.ts", "s13.ts");

        var f = Assert.Single(ManifestAnalyzer.Compare(a, b));
        Assert.Equal("LIVE-DISCONTINUITY-SEQUENCE-TOO-SMALL", f.Code);
        Assert.Contains("media sequence 12 expected 4, got 3", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameSequenceFewerSegments_IsShrink()
    {
        var a = Snapshot(10, 0, null, "s10.ts", "s11.ts", "s12.ts");
        var b = Snapshot(10, 0, null, "s10.ts", "s11.ts");

        var f = Assert.Single(ManifestAnalyzer.Compare(a, b));
        Assert.Equal("LIVE-PLAYLIST-SHRANK", f.Code);
        Assert.Contains("was media sequence 12 and is now 11", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TargetDurationAndTypeChangeAndEndlistRemoved_AreReported()
    {
        var a = Hls.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXTINF:6,\na.ts\n#EXT-X-ENDLIST\n");
        var b = Hls.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts\n");

        var codes = Hls.Codes(ManifestAnalyzer.Compare(a, b));

        Assert.Equal(["LIVE-TARGET-DURATION-CHANGED", "LIVE-PLAYLIST-TYPE-CHANGED", "LIVE-ENDLIST-REMOVED", "LIVE-ENDED-PLAYLIST-CHANGED", "LIVE-SEGMENT-DURATION-CHANGED"], codes);
    }

    [Fact]
    public void Compare_EventPlaylistDroppingSegments_IsReported()
    {
        var tags = "#EXT-X-PLAYLIST-TYPE:EVENT\n";
        var a = Snapshot(0, 0, tags, "a.ts", "b.ts");
        var b = Snapshot(1, 0, tags, "b.ts", "c.ts");

        Assert.Equal(["LIVE-EVENT-SEGMENTS-REMOVED"], Hls.Codes(ManifestAnalyzer.Compare(a, b)));
    }

    [Fact]
    public void Compare_WindowJumpedPastPreviousSnapshot_IsGapWarning()
    {
        var a = Snapshot(10, 0, null, "s10.ts", "s11.ts");
        var b = Snapshot(20, 0, null, "s20.ts", "s21.ts");

        var f = Assert.Single(ManifestAnalyzer.Compare(a, b));
        Assert.Equal(("LIVE-MEDIA-SEQUENCE-GAP", FindingSeverity.Warning), (f.Code, f.Severity));
        Assert.Contains("8 segments were never listed", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DisjointWindowsWithImpossibleDiscontinuityJump_IsTooBig()
    {
        var a = Snapshot(10, 5, null, "s10.ts", "s11.ts");
        var b = Snapshot(12, 9, null, "s12.ts", "s13.ts");

        var f = Assert.Single(ManifestAnalyzer.Compare(a, b));
        Assert.Equal("LIVE-DISCONTINUITY-SEQUENCE-TOO-BIG", f.Code);
        Assert.Contains("expected 5, got 9", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SegmentDateMoved_IsProgramDateTimeJump()
    {
        var a = Snapshot(10, 0, null, "s10.ts@2026-11-21T20:00:00Z", "s11.ts@2026-11-21T20:00:06Z");
        var b = Snapshot(11, 0, null, "s11.ts@2026-11-21T20:00:08Z", "s12.ts");

        var f = Assert.Single(ManifestAnalyzer.Compare(a, b));
        Assert.Equal("LIVE-PROGRAM-DATE-TIME-JUMP", f.Code);
        Assert.Contains("+2 s", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ExtrapolatedDatesDriftingAsWindowSlides_ReportNothing()
    {
        // EXTINF rounded to 6 s for 6.4 s of media: each snapshot's extrapolated dates differ, but no stated date moved.
        var a = Snapshot(10, 0, null, "s10.ts@2026-11-21T20:00:00Z", "s11.ts", "s12.ts");
        var b = Snapshot(11, 0, null, "s11.ts@2026-11-21T20:00:06.4Z", "s12.ts", "s13.ts");

        Assert.Empty(ManifestAnalyzer.Compare(a, b));
    }

    [Fact]
    public void Compare_DifferentKinds_ReportsNothing()
    {
        var media = Snapshot(0, 0, null, "a.ts");
        var multivariant = Hls.Analyze("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n");

        Assert.Empty(ManifestAnalyzer.Compare(media, multivariant));
    }

    [Fact]
    public void CrossCheck_MisalignedVariants_ReportTargetDiscontinuityDateAndSkew()
    {
        var mv = Hls.Analyze(Hls.Lines(
            "#EXTM3U",
            "#EXT-X-STREAM-INF:BANDWIDTH=1",
            "a.m3u8",
            "#EXT-X-STREAM-INF:BANDWIDTH=2",
            "b.m3u8",
            "#EXT-X-STREAM-INF:BANDWIDTH=3",
            "c.m3u8",
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"i.m3u8\""));
        var a = Hls.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:10\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:00:00Z\n#EXTINF:6,\ns10.ts\n#EXTINF:6,\ns11.ts\n", new Uri(Hls.DefaultUrl, "a.m3u8"));
        var b = Hls.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:10\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:00:03Z\n#EXTINF:6,\ns10.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:6,\ns11.ts\n", new Uri(Hls.DefaultUrl, "b.m3u8"));
        var c = Hls.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:14\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:00:24Z\n#EXTINF:4,\ns14.ts\n", new Uri(Hls.DefaultUrl, "c.m3u8"));
        var iframes = Hls.Analyze("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\nx.ts\n", new Uri(Hls.DefaultUrl, "i.m3u8"));

        var codes = Hls.Codes(ManifestAnalyzer.CrossCheck(mv, [a, b, c, iframes]));

        Assert.Equal(
            ["HLS-IFRAME-PLAYLIST-MISMATCH", "HLS-VARIANTS-TARGET-DURATION-DIFFER", "HLS-VARIANTS-MEDIA-SEQUENCE-SKEW", "HLS-VARIANTS-PDT-MISALIGNED", "HLS-VARIANTS-DISCONTINUITY-MISMATCH"],
            codes);
    }

    [Fact]
    public void CrossCheck_VariantThatIsMultivariantOrNotHls_IsReported()
    {
        var mv = Hls.Analyze("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2\nb.m3u8\n");
        var nested = Hls.Analyze("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nx.m3u8\n", new Uri(Hls.DefaultUrl, "a.m3u8"));
        var html = Hls.Analyze("<html>not found</html>", new Uri(Hls.DefaultUrl, "b.m3u8"));

        var findings = ManifestAnalyzer.CrossCheck(mv, [nested, html]);

        Assert.Equal(["HLS-VARIANT-IS-MULTIVARIANT", "HLS-VARIANT-NOT-MEDIA-PLAYLIST"], Hls.Codes(findings));
        Assert.Equal([2, 4], findings.Select(f => f.Line ?? 0));
    }
}
