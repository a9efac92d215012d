using System.Text;
using StreamWatch.Media.Dash;
using Xunit;

namespace StreamWatch.Media.Tests.Dash;

public sealed class DashFindingTests
{
    private const string Head = """<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" minBufferTime="PT2S" type="static" mediaPresentationDuration="PT20S">""";

    private static string Static(string period) => Head + "\n" + period + "\n</MPD>";

    private static string Rep(string segmentInfo, string id = "v", string extra = "") =>
        $"""<AdaptationSet mimeType="video/mp4">{segmentInfo}<Representation id="{id}" bandwidth="1000"{extra}/></AdaptationSet>""";

    [Theory]
    [InlineData("<Patch xmlns=\"urn:mpeg:dash:schema:mpdpatch:2020\"/>", "DASH-ROOT-NOT-MPD")]
    [InlineData("<MPD xmlns=\"urn:other\" profiles=\"x\" minBufferTime=\"PT1S\"><Period/></MPD>", "DASH-MPD-NAMESPACE")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" minBufferTime=\"PT1S\"><Period/></MPD>", "DASH-MISSING-PROFILES")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"x\"><Period/></MPD>", "DASH-MISSING-MIN-BUFFER-TIME")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"x\" minBufferTime=\"PT1S\"/>", "DASH-NO-PERIOD")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"x\" minBufferTime=\"PT1S\" type=\"live\"><Period/></MPD>", "DASH-INVALID-TYPE")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"x\" minBufferTime=\"PT1S\" type=\"dynamic\" minimumUpdatePeriod=\"PT2S\"><Period start=\"PT0S\"/></MPD>", "DASH-DYNAMIC-WITHOUT-AVAILABILITY-START")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"x\" minBufferTime=\"PT1S\" type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00Z\"><Period start=\"PT0S\"/></MPD>", "DASH-DYNAMIC-WITHOUT-UPDATE-OR-END")]
    [InlineData("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"x\" minBufferTime=\"PT1S\" type=\"dynamic\" availabilityStartTime=\"2024-01-01T00:00:00\" minimumUpdatePeriod=\"PT1S\"><Period start=\"PT0S\"/></MPD>", "DASH-DATETIME-WITHOUT-ZONE")]
    public void Analyze_MpdLevelDefect_ReportsCode(string mpd, string code)
    {
        var analysis = DashTestSupport.AnalyzeText(mpd);

        Assert.Contains(code, DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_InvalidDuration_ReportsValuePathAndLine()
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period duration=\"P1X\">" + Rep("<SegmentTemplate media=\"$Number$.m4s\" duration=\"2\"/>") + "</Period>"));

        var finding = Assert.Single(analysis.Findings, f => f.Code == "DASH-INVALID-DURATION");
        Assert.Contains("P1X", finding.Message, StringComparison.Ordinal);
        Assert.Equal("MPD/Period[0]", finding.Path);
        Assert.Equal(2, finding.Line);
        Assert.Equal(new Uri("https://cdn.example/live/manifest.mpd"), finding.Url);
    }

    [Fact]
    public void Analyze_InvalidDateTime_ReportsValue()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/shakapackager__dynamic-segment-deletion.mpd");

        Assert.Contains(analysis.Findings, f => f.Code == "DASH-INVALID-DATETIME" && f.Message.Contains("some_", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_RepresentationWithoutIdOrBandwidth_ReportsBothWithPath()
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period><AdaptationSet><SegmentTemplate media=\"$Number$.m4s\" duration=\"2\"/><Representation id=\"a\" bandwidth=\"1\"/><Representation/></AdaptationSet></Period>"));

        Assert.Contains(analysis.Findings, f => f.Code == "DASH-MISSING-REPRESENTATION-ID" && f.Path == "MPD/Period[0]/AdaptationSet[0]/Representation[1]");
        Assert.Contains(analysis.Findings, f => f.Code == "DASH-MISSING-BANDWIDTH" && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Analyze_RepresentationWithoutMimeType_Reported()
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period><AdaptationSet><SegmentTemplate media=\"$Number$.m4s\" duration=\"2\"/><Representation id=\"a\" bandwidth=\"1\"/></AdaptationSet></Period>"));

        Assert.Contains("DASH-MISSING-MIME-TYPE", DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_SegmentListTimelineLongerThanPeriod_WarnsAndClips()
    {
        // mpd-parser's segmentList fixture: ten 60 s segments in a 6 s presentation.
        var analysis = DashTestSupport.AnalyzeCorpus("dash/mpdparser__segmentList.mpd");

        Assert.Contains("DASH-TIMELINE-BEYOND-PERIOD", DashTestSupport.Codes(analysis));
        Assert.Single(analysis.GetSegments(DashTestSupport.Representation(analysis, "720")).Segments);
    }

    [Fact]
    public void Analyze_DuplicateRepresentationIds_ReportsSecond()
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period>" + Rep("<SegmentTemplate media=\"$Number$.m4s\" duration=\"2\"/>") + Rep("<SegmentTemplate media=\"a$Number$.m4s\" duration=\"2\"/>") + "</Period>"));

        var finding = Assert.Single(analysis.Findings, f => f.Code == "DASH-DUPLICATE-REPRESENTATION-ID");
        Assert.Equal("MPD/Period[0]/AdaptationSet[1]/Representation[0]", finding.Path);
    }

    [Theory]
    [InlineData("<S t=\"0\" d=\"10\"/><S t=\"15\" d=\"10\"/>", "DASH-TIMELINE-GAP")]
    [InlineData("<S t=\"0\" d=\"10\" r=\"1\"/><S t=\"15\" d=\"10\"/>", "DASH-TIMELINE-OVERLAP")]
    [InlineData("<S t=\"0\" d=\"10\" r=\"-1\"/><S d=\"10\"/>", "DASH-TIMELINE-UNBOUNDED-REPEAT")]
    [InlineData("<S t=\"0\" d=\"0\"/>", "DASH-SEGMENT-DURATION-ZERO")]
    [InlineData("<S t=\"0\" d=\"10\" r=\"-2\"/>", "DASH-INVALID-NUMBER")]
    [InlineData("<S t=\"0\"/>", "DASH-MISSING-ATTRIBUTE")]
    public void Analyze_TimelineDefect_ReportsCode(string entries, string code)
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period>" + Rep($"<SegmentTemplate media=\"$Time$.m4s\" timescale=\"10\"><SegmentTimeline>{entries}</SegmentTimeline></SegmentTemplate>") + "</Period>"));

        Assert.Contains(code, DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_TimelineOverlap_MessageNamesTheValues()
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period>" + Rep("<SegmentTemplate media=\"$Time$.m4s\" timescale=\"10\"><SegmentTimeline><S t=\"0\" d=\"10\" r=\"1\"/><S t=\"15\" d=\"10\"/></SegmentTimeline></SegmentTemplate>") + "</Period>"));

        var finding = Assert.Single(analysis.Findings, f => f.Code == "DASH-TIMELINE-OVERLAP");
        Assert.Contains("S@t=15", finding.Message, StringComparison.Ordinal);
        Assert.Contains("ends at 20", finding.Message, StringComparison.Ordinal);
        Assert.Equal("MPD/Period[0]/AdaptationSet[0]/SegmentTemplate/SegmentTimeline/S", finding.Path);
    }

    [Theory]
    [InlineData("<Period start=\"PT0S\" duration=\"PT10S\"/><Period start=\"PT8S\"/>", "DASH-PERIOD-OVERLAP")]
    [InlineData("<Period start=\"PT0S\" duration=\"PT5S\"/><Period start=\"PT8S\"/>", "DASH-PERIOD-GAP")]
    [InlineData("<Period start=\"PT5S\"/><Period start=\"PT2S\"/>", "DASH-PERIOD-OVERLAP")]
    [InlineData("<Period start=\"PT0S\"/><Period start=\"PT25S\"/>", "DASH-PERIOD-AFTER-END")]
    [InlineData("<Period start=\"PT0S\"/><Period/>", "DASH-PERIOD-START-UNKNOWN")]
    [InlineData("<Period xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"https://ads.example/p.xml\" xlink:actuate=\"onLoad\"/>", "DASH-XLINK-NOT-RESOLVED")]
    public void Analyze_PeriodTimingDefect_ReportsCode(string periods, string code)
    {
        var analysis = DashTestSupport.AnalyzeText(Static(periods));

        Assert.Contains(code, DashTestSupport.Codes(analysis));
    }

    [Theory]
    [InlineData("", "DASH-NO-SEGMENT-INFO")]
    [InlineData("<SegmentTemplate media=\"$Nmber$.m4s\" duration=\"2\"/>", "DASH-TEMPLATE-INVALID")]
    [InlineData("<SegmentTemplate media=\"$Number%5d$.m4s\" duration=\"2\"/>", "DASH-TEMPLATE-INVALID")]
    [InlineData("<SegmentTemplate media=\"$RepresentationID%02d$.m4s\" duration=\"2\"/>", "DASH-TEMPLATE-INVALID")]
    [InlineData("<SegmentTemplate media=\"$Number$-$Time$.m4s\" timescale=\"1\"><SegmentTimeline><S t=\"0\" d=\"2\" r=\"3\"/></SegmentTimeline></SegmentTemplate>", "DASH-TEMPLATE-NUMBER-AND-TIME")]
    [InlineData("<SegmentTemplate media=\"fixed.m4s\" duration=\"2\"/>", "DASH-TEMPLATE-NO-ADDRESSING")]
    [InlineData("<SegmentTemplate media=\"$Time$.m4s\" duration=\"2\"/>", "DASH-TEMPLATE-TIME-WITHOUT-TIMELINE")]
    [InlineData("<SegmentTemplate media=\"$Number$.m4s\"/>", "DASH-TEMPLATE-WITHOUT-DURATION")]
    [InlineData("<SegmentTemplate media=\"$Number$.m4s\" duration=\"2\" timescale=\"0\"/>", "DASH-TIMESCALE-ZERO")]
    [InlineData("<SegmentTemplate media=\"$Number$.m4s\" duration=\"0\"/>", "DASH-SEGMENT-DURATION-ZERO")]
    [InlineData("<SegmentTemplate media=\"$Number$.m4s\" duration=\"30\"/>", "DASH-SEGMENT-LONGER-THAN-MAX")]
    [InlineData("<SegmentList duration=\"2\"/>", "DASH-SEGMENT-LIST-EMPTY")]
    [InlineData("<SegmentBase indexRange=\"9-1\"/>", "DASH-INVALID-BYTE-RANGE")]
    [InlineData("<SegmentTemplate media=\"$Time$.m4s\"><SegmentTimeline><S t=\"0\" d=\"8\" r=\"3\"/></SegmentTimeline></SegmentTemplate>", "DASH-TIMELINE-BEYOND-PERIOD")]
    public void Analyze_AddressingDefect_ReportsCode(string segmentInfo, string code)
    {
        var mpd = Head.Replace("type=\"static\"", "type=\"static\" maxSegmentDuration=\"PT10S\"", StringComparison.Ordinal)
            + "<Period>" + Rep(segmentInfo) + "</Period></MPD>";

        var analysis = DashTestSupport.AnalyzeText(mpd);

        Assert.Contains(code, DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_SharedTemplateDefect_ReportedOnceNotPerRepresentation()
    {
        var set = "<AdaptationSet><SegmentTemplate media=\"$Nmber$.m4s\" duration=\"2\"/>"
            + "<Representation id=\"a\" bandwidth=\"1\"/><Representation id=\"b\" bandwidth=\"2\"/><Representation id=\"c\" bandwidth=\"3\"/></AdaptationSet>";

        var analysis = DashTestSupport.AnalyzeText(Static("<Period>" + set + "</Period>"));

        var finding = Assert.Single(analysis.Findings, f => f.Code == "DASH-TEMPLATE-INVALID");
        Assert.Equal("MPD/Period[0]/AdaptationSet[0]/SegmentTemplate", finding.Path);
        Assert.Contains("$Nmber$", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MpdLevelFinding_CarriesTheMpdElementLine()
    {
        var analysis = DashTestSupport.AnalyzeText("<?xml version=\"1.0\"?>\n\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" minBufferTime=\"PT1S\"><Period/></MPD>");

        Assert.Equal(3, Assert.Single(analysis.Findings, f => f.Code == "DASH-MISSING-PROFILES").Line);
    }

    [Theory]
    [InlineData("2024-01-01T00:01:00Z", null)]
    [InlineData("2024-01-01T00:00:30Z", "DASH-TIMELINE-AHEAD-OF-NOW")]
    [InlineData("2024-01-01T00:01:07Z", "DASH-TIMELINE-BEHIND-NOW")]
    [InlineData("2024-01-01T00:01:05Z", null)]
    public void Analyze_TimelineAgainstReceiveTime_FlagsStaleOrAheadTimelines(string receivedAt, string? code)
    {
        // The timeline covers media 0–50 s of a period starting 10 s after AST: it ends at 00:01:00 wall-clock time.
        var mpd = DashSegmentTests.Live("""<SegmentTemplate media="$Time$.m4s" timescale="1"><SegmentTimeline><S t="0" d="2" r="24"/></SegmentTimeline></SegmentTemplate>""");

        var analysis = DashTestSupport.AnalyzeText(mpd, DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture));

        var codes = DashTestSupport.Codes(analysis);
        Assert.Equal(code is null ? 0 : 1, codes.Count(c => c.StartsWith("DASH-TIMELINE-", StringComparison.Ordinal)));
        if (code is not null)
        {
            Assert.Contains(code, codes);
        }
    }

    [Fact]
    public void Analyze_WellFormedLiveMpd_HasNoErrorsOrWarnings()
    {
        var analysis = DashTestSupport.AnalyzeText(DashSegmentTests.Live("""<SegmentTemplate media="$Number$.m4s" initialization="init.mp4" duration="2"/>"""));

        Assert.Empty(analysis.Findings);
        Assert.True(analysis.IsLive);
        Assert.Equal(TimeSpan.FromSeconds(2), analysis.ReloadInterval);
    }

    [Fact]
    public void Analyze_InputAboveMaxManifestBytes_ReportsAndDoesNotParse()
    {
        var analysis = DashTestSupport.AnalyzeText(Static("<Period/>"), limits: new MediaLimits { MaxManifestBytes = 32 });

        Assert.Contains("DASH-MANIFEST-TOO-LARGE", DashTestSupport.Codes(analysis));
        Assert.Null(analysis.Manifest);
        Assert.Empty(analysis.Playlists);
    }

    [Fact]
    public void Analyze_NestingBeyondMaxXmlDepth_StopsWithFinding()
    {
        var deep = new StringBuilder(Head).Append("<Period>");
        for (var i = 0; i < 100; i++)
        {
            deep.Append("<X>");
        }

        var analysis = DashTestSupport.AnalyzeText(deep.ToString(), limits: new MediaLimits { MaxXmlDepth = 16 });

        Assert.Contains("DASH-XML-TOO-DEEP", DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_MoreFindingsThanMax_KeepsMaxAndSummarises()
    {
        var reps = new StringBuilder(Head).Append("<Period><AdaptationSet mimeType=\"video/mp4\"><SegmentTemplate media=\"$Number$.m4s\" duration=\"2\"/>");
        for (var i = 0; i < 50; i++)
        {
            reps.Append("<Representation/>");
        }

        var analysis = DashTestSupport.AnalyzeText(reps.Append("</AdaptationSet></Period></MPD>").ToString(), limits: new MediaLimits { MaxFindings = 10 });

        Assert.Equal(11, analysis.Findings.Count);
        Assert.Equal("DASH-FINDINGS-TRUNCATED", analysis.Findings[^1].Code);
        Assert.Contains("90", analysis.Findings[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_DoctypeWithEntities_IsRejectedNotExpanded()
    {
        var analysis = DashTestSupport.AnalyzeText("<?xml version=\"1.0\"?><!DOCTYPE MPD [<!ENTITY a \"aaaaaaaaaa\">]><MPD>&a;</MPD>");

        Assert.Contains("DASH-XML-NOT-WELL-FORMED", DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_UnknownElementsAndAttributes_AreIgnored()
    {
        var analysis = DashTestSupport.AnalyzeText(DashSegmentTests.Live("""<Foo bar="1"><Baz/></Foo><SegmentTemplate media="$Number$.m4s" duration="2" vendor:x="1" xmlns:vendor="urn:v"/>"""));

        Assert.Empty(analysis.Findings);
        Assert.Equal(2, analysis.Manifest!.Periods[0].AdaptationSets[0].Representations[0].SegmentInfo.Duration);
    }

    [Fact]
    public void Analyze_Scte35EventStream_RecordsSchemeAndEvents()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__scte35-splice-insert.mpd");

        var stream = Assert.Single(analysis.Manifest!.Periods[0].EventStreams);
        Assert.Equal("urn:scte:scte35:2013:xml", stream.SchemeIdUri);
        Assert.True(stream.IsScte35);
        Assert.Equal(90000, stream.Timescale);
        var e = Assert.Single(stream.Events);
        Assert.Equal(4157, e.Id);
        Assert.Equal(2346545680, e.PresentationTime);
        Assert.Equal(2699769, e.Duration);
        Assert.Equal(2346545680 / 90000d, e.Start.TotalSeconds, 3);
    }

    [Fact]
    public void Analyze_InbandEventStream_RecordedOnAdaptationSetAndRepresentation()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__inband-event-stream.mpd");

        var set = analysis.Manifest!.Periods[0].AdaptationSets[0];
        Assert.NotEmpty(set.InbandEventStreams);
        Assert.All(set.InbandEventStreams, s => Assert.True(s.IsInband));
        Assert.Contains(set.Representations, r => r.InbandEventStreams.Count > 0);
    }

    [Fact]
    public void Analyze_UtcTimingAndPatchLocation_AreRecordedAndResolved()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__dynamic-timeline-update1.mpd");
        var manifest = analysis.Manifest!;

        var timing = Assert.Single(manifest.UtcTimings);
        Assert.Equal("urn:mpeg:dash:utc:http-xsdate:2014", timing.SchemeIdUri);
        Assert.Equal("https://time.akamai.com/?iso&ms", timing.Value);
        var patch = Assert.Single(manifest.PatchLocations);
        Assert.StartsWith("https://cdn.example/patch/livesim2/", patch.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), manifest.TimeShiftBufferDepth);
        Assert.Equal(new DateTimeOffset(2024, 3, 28, 15, 43, 10, TimeSpan.Zero), manifest.PublishTime);
        Assert.Equal(DateTimeOffset.UnixEpoch, manifest.AvailabilityStartTime);
    }

    [Fact]
    public void Analyze_EmptyUtcTiming_IsReported()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__events-empty-utctiming.mpd");

        Assert.Contains("DASH-UTCTIMING-INCOMPLETE", DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_LocationElement_ResolvedAgainstMpdUrl()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/mpdparser__location.mpd");

        Assert.NotEmpty(analysis.Manifest!.Locations);
        Assert.All(analysis.Manifest.Locations, l => Assert.True(l.IsAbsoluteUri));
    }

    [Fact]
    public void Analyze_RepresentationAttributes_InheritFromAdaptationSet()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__dynamic-snr.mpd");

        var video = DashTestSupport.Representation(analysis, "V300");
        var audio = DashTestSupport.Representation(analysis, "A48");

        Assert.Equal("video/mp4", video.MimeType);
        Assert.Equal(30, video.FrameRateValue);
        Assert.Equal((640, 360), (video.Width, video.Height));
        Assert.Equal("audio/mp4", audio.MimeType);
        Assert.Equal("en", audio.AdaptationSet.Lang);
        Assert.Equal("main", Assert.Single(audio.AdaptationSet.Roles).Value);
    }

    [Fact]
    public void Analyze_CommonAttributes_RepresentationOwnWinsAndTheRestIsInherited()
    {
        var analysis = DashTestSupport.AnalyzeText(Head + """
            <Period id="p0"><AdaptationSet mimeType="video/mp4" codecs="avc1.64001f" width="1280" height="720" frameRate="25" audioSamplingRate="48000" lang="hi">
              <SegmentTemplate media="$Number$.m4s" duration="2" startNumber="1"/>
              <Representation id="hd" bandwidth="3000000"/>
              <Representation id="sd" bandwidth="800000" codecs="avc1.4d401e" width="640" height="360" frameRate="30000/1001" mimeType="video/iso.segment"/>
            </AdaptationSet></Period></MPD>
            """);

        var hd = DashTestSupport.Representation(analysis, "hd");
        var sd = DashTestSupport.Representation(analysis, "sd");

        Assert.Equal(("video/mp4", "avc1.64001f", 1280, 720, "25", "48000"), (hd.MimeType, hd.Codecs, hd.Width, hd.Height, hd.FrameRate, hd.AudioSamplingRate));
        Assert.Equal(("video/iso.segment", "avc1.4d401e", 640, 360, "30000/1001", "48000"), (sd.MimeType, sd.Codecs, sd.Width, sd.Height, sd.FrameRate, sd.AudioSamplingRate));
        Assert.Equal(30000 / 1001.0, sd.FrameRateValue!.Value, 6);
        Assert.Equal(("video/mp4", "avc1.64001f", "hi"), (hd.AdaptationSet.MimeType, hd.AdaptationSet.Codecs, hd.AdaptationSet.Lang));
    }

    [Fact]
    public void Analyze_ContentProtectionAndLabels_AreRecorded()
    {
        var multi = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__multi-baseurl.mpd");
        var unit = DashTestSupport.AnalyzeCorpus("dash/dashjs__unit-manifest.xml");

        Assert.Contains(multi.Manifest!.Periods[0].AdaptationSets, s => s.ContentProtections.Count > 0);
        Assert.Contains(unit.Manifest!.Periods[0].AdaptationSets, s => s.Labels.Count > 1);
    }
}
