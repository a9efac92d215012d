using System.Text;
using StreamWatch.Media.Hls;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

public sealed class HlsParserRuleTests
{
    private const string Head = "#EXTM3U\n#EXT-X-VERSION:8\n#EXT-X-TARGETDURATION:6\n";

    [Fact]
    public void Define_NameValue_SubstitutesInUriLinesAndQuotedAttributes()
    {
        var a = Hls.Media(Head + Hls.Lines(
            "#EXT-X-DEFINE:NAME=\"host\",VALUE=\"https://edge.example\"",
            "#EXT-X-DEFINE:NAME=\"v\",VALUE=\"720p\"",
            "#EXT-X-MAP:URI=\"{$host}/{$v}/init.mp4\"",
            "#EXTINF:6,",
            "{$v}/seg1.m4s",
            "#EXT-X-ENDLIST"));

        var segment = a.Playlist.Segments[0];
        Assert.Equal("720p/seg1.m4s", segment.RawUri);
        Assert.Equal(new Uri("https://cdn.example/live/stream/720p/seg1.m4s"), segment.Uri);
        Assert.Equal("https://edge.example/720p/init.mp4", segment.Map!.RawUri);
        Assert.Empty(a.Findings);
    }

    [Fact]
    public void Define_UndefinedReference_IsReportedAndLeftAsWritten()
    {
        var a = Hls.Media(Head + Hls.Lines("#EXTINF:6,", "{$missing}/seg.ts", "#EXT-X-ENDLIST"));

        var finding = Assert.Single(a.Findings);
        Assert.Equal("HLS-UNDEFINED-VARIABLE", finding.Code);
        Assert.Equal(5, finding.Line);
        Assert.Contains("{$missing}", finding.Message, StringComparison.Ordinal);
        Assert.Equal("{$missing}/seg.ts", a.Playlist.Segments[0].RawUri);
    }

    [Fact]
    public void Define_QueryParam_TakesTheValueFromThePlaylistUrl()
    {
        var url = new Uri("https://cdn.example/live/index.m3u8?token=abc%2F1&x=2");
        var a = Hls.Media("#EXTM3U\n#EXT-X-VERSION:11\n#EXT-X-TARGETDURATION:6\n" + Hls.Lines(
            "#EXT-X-DEFINE:QUERYPARAM=\"token\"", "#EXTINF:6,", "seg.ts?token={$token}", "#EXT-X-ENDLIST"), url);

        Assert.Equal("seg.ts?token=abc/1", a.Playlist.Segments[0].RawUri);
        Assert.Empty(a.Findings);
    }

    [Fact]
    public void Define_Import_UsesTheParentVariablesWhenSupplied()
    {
        var text = Encoding.UTF8.GetBytes(Head + Hls.Lines("#EXT-X-DEFINE:IMPORT=\"auth\"", "#EXTINF:6,", "seg.ts?{$auth}", "#EXT-X-ENDLIST"));

        var withParent = Assert.IsType<HlsMediaAnalysis>(HlsPlaylistParser.Analyze(text, Hls.DefaultUrl, Hls.At, parentVariables: new Dictionary<string, string> { ["auth"] = "k=1" }));
        var without = Assert.IsType<HlsMediaAnalysis>(HlsPlaylistParser.Analyze(text, Hls.DefaultUrl, Hls.At));

        Assert.Equal("seg.ts?k=1", withParent.Playlist.Segments[0].RawUri);
        Assert.Empty(withParent.Findings);
        Assert.Equal(["HLS-DEFINE-INVALID", "HLS-UNDEFINED-VARIABLE"], Hls.Codes(without.Findings));
    }

    [Fact]
    public void Define_CarlantonImportFixture_ResolvesWithParentVariables()
    {
        var bytes = File.ReadAllBytes(StreamWatch.Testing.Corpus.File("hls/carlanton__media-media-variables.m3u8"));

        var a = Assert.IsType<HlsMediaAnalysis>(HlsPlaylistParser.Analyze(bytes, Hls.DefaultUrl, Hls.At, parentVariables: new Dictionary<string, string> { ["auth"] = "token=1" }));

        Assert.DoesNotContain(a.Findings, f => f.Code is "HLS-UNDEFINED-VARIABLE" or "HLS-DEFINE-INVALID");
        Assert.All(a.Playlist.Segments, s => Assert.DoesNotContain("{$", s.RawUri, StringComparison.Ordinal));
        Assert.Contains("token=1", a.Playlist.Segments[0].RawUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Define_TwiceOrWithoutValue_IsInvalid()
    {
        var a = Hls.Media(Head + Hls.Lines("#EXT-X-DEFINE:NAME=\"a\",VALUE=\"1\"", "#EXT-X-DEFINE:NAME=\"a\",VALUE=\"2\"", "#EXT-X-DEFINE:NAME=\"b\"", "#EXT-X-ENDLIST"));

        Assert.Equal(["HLS-DEFINE-INVALID", "HLS-ATTRIBUTE-MISSING"], Hls.Codes(a.Findings));
        Assert.Equal("1", a.Playlist.Variables["a"]);
    }

    [Fact]
    public void Attributes_QuotedCommasHexSignedFloatAndResolution_AreParsed()
    {
        var mv = Hls.Multivariant(Hls.Lines(
            "#EXTM3U",
            "#EXT-X-VERSION:5",
            "#EXT-X-START:TIME-OFFSET=-12.5,PRECISE=YES",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"English, main\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,URI=\"a/en.m3u8\"",
            "#EXT-X-STREAM-INF:BANDWIDTH=2000000,AVERAGE-BANDWIDTH=1800000,CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=1280x720,FRAME-RATE=29.970,AUDIO=\"aac\"",
            "v/720.m3u8",
            "#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\",IV=0X000102030405060708090A0B0C0D0E0F,KEYFORMAT=\"com.apple.streamingkeydelivery\""));

        var v = Assert.Single(mv.Playlist.Variants);
        Assert.Equal("avc1.64001f,mp4a.40.2", v.Codecs);
        Assert.Equal(new HlsResolution(1280, 720), v.Resolution);
        Assert.Equal(29.97, v.FrameRate);
        Assert.Equal(1_800_000, v.AverageBandwidth);
        Assert.Equal("English, main", Assert.Single(mv.Playlist.Renditions).Name);
        Assert.Equal(-12.5, mv.Playlist.Start!.TimeOffset);
        Assert.True(mv.Playlist.Start.Precise);
        Assert.Equal("0X000102030405060708090A0B0C0D0E0F", Assert.Single(mv.Playlist.SessionKeys).IV);
        Assert.Empty(mv.Findings);
    }

    [Theory]
    [InlineData("#EXT-X-STREAM-INF:RESOLUTION=1x1", "HLS-ATTRIBUTE-MISSING")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,BANDWIDTH=2", "HLS-ATTRIBUTE-DUPLICATE")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=wide", "HLS-ATTRIBUTE-INVALID")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=avc1", "HLS-ATTRIBUTE-NOT-QUOTED")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,HDCP-LEVEL=\"NONE\"", "HLS-ATTRIBUTE-QUOTED")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,garbage,CODECS=\"a\"", "HLS-ATTRIBUTE-LIST-SYNTAX")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"unterminated", "HLS-ATTRIBUTE-LIST-SYNTAX")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO=\"nowhere\"", "HLS-GROUP-UNDEFINED")]
    public void Attributes_EdgeCases_AreReported(string tag, string code)
    {
        var mv = Hls.Multivariant(Hls.Lines("#EXTM3U", tag, "v.m3u8"));

        Assert.Equal([code], Hls.Codes(mv.Findings.Where(f => f.Code != HlsFindingCodes.CodecsMissing)));
        Assert.Equal(2, mv.Findings[0].Line);
    }

    [Theory]
    [InlineData("#EXT-X-MEDIA:GROUP-ID=\"a\",NAME=\"n\"", "TYPE")]
    [InlineData("#EXT-X-MEDIA:TYPE=AUDIO,NAME=\"n\"", "GROUP-ID")]
    [InlineData("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\"", "NAME")]
    [InlineData("#EXT-X-MEDIA:TYPE=CLOSED-CAPTIONS,GROUP-ID=\"a\",NAME=\"n\"", "INSTREAM-ID")]
    public void Media_WithoutRequiredAttribute_NamesIt(string tag, string attribute)
    {
        var mv = Hls.Multivariant(Hls.Lines("#EXTM3U", tag, "#EXT-X-STREAM-INF:BANDWIDTH=1", "v.m3u8"));

        var finding = Assert.Single(mv.Findings, f => f.Code == "HLS-ATTRIBUTE-MISSING");
        Assert.Contains(attribute, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_WithoutUriUnlessNone_IsReported()
    {
        var a = Hls.Media(Head + Hls.Lines("#EXT-X-KEY:METHOD=AES-128", "#EXTINF:6,", "a.ts", "#EXT-X-KEY:METHOD=NONE", "#EXTINF:6,", "b.ts", "#EXT-X-ENDLIST"));

        var finding = Assert.Single(a.Findings);
        Assert.Equal("HLS-ATTRIBUTE-MISSING", finding.Code);
        Assert.Contains("METHOD=AES-128", finding.Message, StringComparison.Ordinal);
        Assert.Single(a.Playlist.Segments[0].Keys);
        Assert.Empty(a.Playlist.Segments[1].Keys);
    }

    [Fact]
    public void ByteRange_ChainOnSameResource_ContinuesThePreviousRange()
    {
        var a = Hls.Media(Head + Hls.Lines(
            "#EXTINF:6,", "#EXT-X-BYTERANGE:100@0", "all.ts",
            "#EXTINF:6,", "#EXT-X-BYTERANGE:200", "all.ts",
            "#EXTINF:6,", "#EXT-X-BYTERANGE:50", "all.ts",
            "#EXT-X-ENDLIST"));

        Assert.Equal([new HlsByteRange(100, 0), new HlsByteRange(200, 100), new HlsByteRange(50, 300)], a.Playlist.Segments.Select(s => s.ByteRange!.Value));
        Assert.Equal("bytes=300-349", a.Playlist.Segments[2].ByteRange!.Value.ToRangeHeader());
        Assert.Empty(a.Findings);
    }

    [Theory]
    [InlineData("#EXTINF:6,\n#EXT-X-BYTERANGE:200\nall.ts\n", 5)]
    [InlineData("#EXTINF:6,\nwhole.ts\n#EXTINF:6,\n#EXT-X-BYTERANGE:200\nwhole.ts\n", 7)]
    [InlineData("#EXTINF:6,\n#EXT-X-BYTERANGE:100@0\na.ts\n#EXTINF:6,\n#EXT-X-BYTERANGE:200\nb.ts\n", 8)]
    public void ByteRange_WithoutOffsetAndNoPreviousRangeOfSameResource_IsReported(string body, int line)
    {
        var a = Hls.Media(Head.Replace("VERSION:8", "VERSION:4", StringComparison.Ordinal) + body + "#EXT-X-ENDLIST\n");

        var finding = Assert.Single(a.Findings);
        Assert.Equal("HLS-BYTERANGE-NO-PREVIOUS", finding.Code);
        Assert.Equal(line, finding.Line);
    }

    [Theory]
    [InlineData("6.499", false)]
    [InlineData("6.5", true)]
    [InlineData("6", false)]
    [InlineData("7.2", true)]
    public void Extinf_RoundedToNearestInteger_IsComparedWithTargetDuration(string duration, bool exceeds)
    {
        var a = Hls.Media(Head + Hls.Lines($"#EXTINF:{duration},", "seg.ts", "#EXT-X-ENDLIST"));

        Assert.Equal(exceeds, a.Findings.Any(f => f.Code == "HLS-EXTINF-EXCEEDS-TARGET"));
        if (exceeds)
        {
            var finding = Assert.Single(a.Findings);
            Assert.Equal(5, finding.Line);
            Assert.Contains(duration, finding.Message, StringComparison.Ordinal);
            Assert.Contains("target duration of 6 s", finding.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("seg.ts", "https://cdn.example/live/stream/seg.ts")]
    [InlineData("../other/seg.ts", "https://cdn.example/live/other/seg.ts")]
    [InlineData("/root/seg.ts", "https://cdn.example/root/seg.ts")]
    [InlineData("//edge.example/seg.ts", "https://edge.example/seg.ts")]
    [InlineData("http://abs.example/a/seg.ts?x=1", "http://abs.example/a/seg.ts?x=1")]
    [InlineData("seg.ts?token=a,b", "https://cdn.example/live/stream/seg.ts?token=a,b")]
    public void Uri_Relative_ResolvesAgainstPlaylistUrl(string written, string resolved)
    {
        var a = Hls.Media(Head + Hls.Lines("#EXTINF:6,", written, "#EXT-X-ENDLIST"));

        Assert.Equal(new Uri(resolved), a.Playlist.Segments[0].Uri);
    }

    [Fact]
    public void Whitespace_BomCrlfAndBlankLines_AreTolerated()
    {
        var a = Hls.Media("\uFEFF#EXTM3U\r\n\r\n  #EXT-X-TARGETDURATION:6  \r\n#EXTINF:5.5,\ttitle here\r\n\t seg.ts \r\n#EXT-X-VERSION:3\n#EXT-X-ENDLIST");

        var segment = Assert.Single(a.Playlist.Segments);
        Assert.Equal("seg.ts", segment.RawUri);
        Assert.Equal("title here", segment.Title);
        Assert.Equal(5.5, segment.Duration);
        Assert.Equal(5, segment.Line);
        Assert.Equal(["HLS-BOM"], Hls.Codes(a.Findings));
    }

    [Fact]
    public void Segments_CarryDiscontinuityGapDatesAndBitrate()
    {
        var a = Hls.Media(Head + Hls.Lines(
            "#EXT-X-MEDIA-SEQUENCE:100",
            "#EXT-X-DISCONTINUITY-SEQUENCE:7",
            "#EXT-X-PROGRAM-DATE-TIME:2026-11-21T20:00:00.000+01:00",
            "#EXT-X-BITRATE:3000",
            "#EXTINF:6,", "a.ts",
            "#EXT-X-GAP",
            "#EXTINF:6,", "b.ts",
            "#EXT-X-DISCONTINUITY",
            "#EXTINF:4,", "c.ts"));

        var s = a.Playlist.Segments;
        Assert.Equal([100L, 101, 102], s.Select(x => x.MediaSequence));
        Assert.Equal([7L, 7, 8], s.Select(x => x.DiscontinuitySequence));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 20, 0, 6, TimeSpan.FromHours(1)), s[1].ProgramDateTime);
        Assert.False(s[1].HasExplicitProgramDateTime);
        Assert.Null(s[2].ProgramDateTime); // after a discontinuity the timeline is unknown without a new date
        Assert.True(s[1].Gap);
        Assert.Equal(3000, s[2].Bitrate);
        Assert.Equal(103, a.Playlist.NextMediaSequence);
        Assert.Equal("c.ts", a.Playlist.NewestSegment!.Value.RawUri);
        Assert.True(a.IsLive);
        Assert.Equal(TimeSpan.FromSeconds(6), a.ReloadInterval);
        var summary = Assert.Single(a.Playlists);
        Assert.Equal(("hls-media", 6.0, 100L, 3, 16.0), (summary.Kind, summary.TargetDuration!.Value, summary.MediaSequence!.Value, summary.Segments, summary.DurationSeconds));
    }

    [Theory]
    [InlineData("#EXT-X-PROGRAM-DATE-TIME:2026-11-21 20:00", "HLS-DATE-INVALID")]
    [InlineData("#EXT-X-PROGRAM-DATE-TIME:2026-02-30T20:00:00Z", "HLS-DATE-INVALID")]
    [InlineData("#EXT-X-TARGETDURATION:6\n#EXT-X-TARGETDURATION:6", "HLS-DUPLICATE-TAG")]
    [InlineData("#EXT-X-MEDIA-SEQUENCE:-1", "HLS-MEDIA-SEQUENCE-NEGATIVE")]
    [InlineData("#EXT-X-PART:DURATION=1,URI=\"p.mp4\"", "HLS-PART-WITHOUT-PART-INF")]
    [InlineData("#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8", "HLS-MIXED-PLAYLIST-TYPES")]
    [InlineData("#EXT-X-SKIP:SKIPPED-SEGMENTS=3", "HLS-SKIP-NOT-ALLOWED")]
    [InlineData("#EXT-X-PLAYLIST-TYPE:LIVE", "HLS-TAG-INVALID")]
    public void MediaRules_Violations_AreReported(string tags, string code)
    {
        var a = Hls.Analyze("#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:6\n" + tags + "\n#EXTINF:6,\nseg.ts\n#EXT-X-ENDLIST\n");

        Assert.Contains(code, Hls.Codes(a.Findings));
    }

    [Fact]
    public void MediaSequence_AfterFirstSegment_StillNumbersTheSegments()
    {
        var a = Hls.Media(Head + Hls.Lines("#EXTINF:6,", "a.ts", "#EXT-X-MEDIA-SEQUENCE:50", "#EXTINF:6,", "b.ts"));

        Assert.Equal("HLS-MEDIA-SEQUENCE-AFTER-SEGMENT", Assert.Single(a.Findings).Code);
        Assert.Equal(50, a.Playlist.Segments[0].MediaSequence);
    }

    [Fact]
    public void Limits_LongLineLargeInputAndSegmentCount_AreFindingsNotExceptions()
    {
        var body = new StringBuilder(Head);
        for (var i = 0; i < 50; i++)
        {
            body.Append("#EXTINF:6,\nseg").Append(i).Append(".ts\n");
        }

        body.Append('#').Append('x', 300).Append('\n');
        var limits = new MediaLimits { MaxSegments = 10, MaxLineBytes = 200, MaxManifestBytes = 100_000 };
        var a = Hls.Media(body.ToString(), limits: limits);
        Assert.Equal(10, a.Playlist.Segments.Count);
        Assert.Contains("HLS-TOO-MANY-SEGMENTS", Hls.Codes(a.Findings));

        var truncated = Hls.Media(body.ToString(), limits: limits with { MaxManifestBytes = 100, MaxSegments = 100 });
        Assert.Contains("HLS-MANIFEST-TOO-LARGE", Hls.Codes(truncated.Findings));

        var longLine = Hls.Media(body.ToString(), limits: limits with { MaxSegments = 100 });
        Assert.Equal(50, longLine.Playlist.Segments.Count);
        Assert.Single(longLine.Findings, f => f.Code == "HLS-LINE-TOO-LONG");
    }

    [Fact]
    public void Findings_PastMaxFindings_AreSummarizedInOne()
    {
        var body = new StringBuilder(Head);
        for (var i = 0; i < 30; i++)
        {
            body.Append("seg").Append(i).Append(".ts\n");
        }

        var a = Hls.Media(body.ToString(), limits: new MediaLimits { MaxFindings = 5 });

        Assert.Equal(6, a.Findings.Count);
        Assert.Equal("HLS-TOO-MANY-FINDINGS", a.Findings[^1].Code);
        Assert.Contains("25 more findings", a.Findings[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTags_AreKeptWithNameValueAndLine()
    {
        var a = Hls.Media(Head + Hls.Lines("#EXT-X-ALLOW-CACHE:YES", "#EXT-X-VENDOR-THING", "#EXTINF:6,", "a.ts", "#EXT-X-ENDLIST"));

        Assert.Equal([new HlsTag("EXT-X-ALLOW-CACHE", "YES", 4, 0), new HlsTag("EXT-X-VENDOR-THING", null, 5, 0)], a.Playlist.UnknownTags);
        Assert.Empty(a.Findings);
    }

    [Fact]
    public void AdMarkers_CueOutContAndScte35_AreRecordedWithDurations()
    {
        var a = Hls.Media(Head + Hls.Lines(
            "#EXTINF:6,", "a.ts",
            "#EXT-X-CUE-OUT:30",
            "#EXT-OATCLS-SCTE35:/DAlAAAAAAAAAP/wFAUAAAABf+/+ANgNkv4AFJlwAAEBAQAA5Z2WBQ==",
            "#EXTINF:6,", "b.ts",
            "#EXT-X-CUE-OUT-CONT:ElapsedTime=6,Duration=30",
            "#EXTINF:6,", "c.ts",
            "#EXT-X-CUE-OUT-CONT:12/30",
            "#EXT-X-CUE-IN",
            "#EXTINF:6,", "d.ts"));

        var m = a.Playlist.AdMarkers;
        Assert.Equal([HlsAdMarkerKind.CueOut, HlsAdMarkerKind.OatclsScte35, HlsAdMarkerKind.CueOutCont, HlsAdMarkerKind.CueOutCont, HlsAdMarkerKind.CueIn], m.Select(x => x.Kind));
        Assert.Equal([30.0, null, 30.0, 30.0, null], m.Select(x => x.Duration));
        Assert.Equal([1, 1, 2, 3, 3], m.Select(x => x.SegmentIndex));
    }

    [Fact]
    public void Renditions_TwoDefaultsOrRepeatedNameInGroup_AndMissingCodecs_AreReported()
    {
        var mv = Hls.Multivariant(Hls.Lines(
            "#EXTM3U",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"en\",DEFAULT=YES,AUTOSELECT=YES,URI=\"en.m3u8\"",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"en\",DEFAULT=YES,AUTOSELECT=YES,URI=\"en2.m3u8\"",
            "#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO=\"a\"",
            "v.m3u8"));

        Assert.Equal(
            [(HlsFindingCodes.CodecsMissing, 4), (HlsFindingCodes.RenditionGroupInvalid, 3), (HlsFindingCodes.RenditionGroupInvalid, 3)],
            mv.Findings.Select(f => (f.Code, f.Line ?? 0)));
    }

    [Fact]
    public void TargetDuration_Decimal_IsReportedButUsedRoundedUp()
    {
        var a = Hls.Media(Hls.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:5.5", "#EXTINF:6,", "a.ts"));

        Assert.Equal([HlsFindingCodes.TargetDurationInvalid], Hls.Codes(a.Findings));
        Assert.Equal(6, a.Playlist.TargetDuration);
        Assert.Equal(TimeSpan.FromSeconds(6), a.ReloadInterval);
    }

    [Fact]
    public void ChildPlaylists_AreResolvedAndDeduplicated()
    {
        var mv = Hls.Multivariant(Hls.Lines(
            "#EXTM3U",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"en\",URI=\"audio.m3u8\"",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"b\",NAME=\"en\",URI=\"audio.m3u8\"",
            "#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1.4d401f,mp4a.40.2\",AUDIO=\"a\"",
            "low.m3u8",
            "#EXT-X-STREAM-INF:BANDWIDTH=2,CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"b\"",
            "../hi/index.m3u8",
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"low.m3u8\""));

        Assert.Equal(
            ["https://cdn.example/live/stream/low.m3u8", "https://cdn.example/live/hi/index.m3u8", "https://cdn.example/live/stream/audio.m3u8"],
            mv.ChildPlaylists.Select(u => u.AbsoluteUri));
        Assert.Empty(mv.Findings);
    }
}
