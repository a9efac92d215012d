using System.Text;
using StreamWatch.Media.Dash;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Dash;

/// <summary>
/// Segment availability at fixed instants, expectations worked out by hand from ISO/IEC 23009-1 5.3.9.5.3:
/// available from AST + PS + (t − pto + d)/ts − ATO until AST + PS + (t − pto + 2d)/ts + timeShiftBufferDepth.
/// </summary>
public sealed class DashSegmentTests
{
    private static readonly DateTimeOffset PublishTime = new(2024, 3, 28, 15, 43, 10, TimeSpan.Zero);

    [Fact]
    public void GetSegments_EndNumberTemplate_ListsNumbersOneToFour()
    {
        // The corpus file lacks a space before "profiles" (not well-formed); repair that one byte in memory to test the arithmetic.
        var bytes = File.ReadAllBytes(Corpus.File("dash/livesim2__testpic-2s-endnumber.mpd"));
        var text = Encoding.UTF8.GetString(bytes).Replace("\"bprofiles=", "\" profiles=", StringComparison.Ordinal);
        var analysis = DashTestSupport.AnalyzeText(text, url: new Uri("https://cdn.example/vod/Manifest.mpd"));

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "V300"));

        Assert.DoesNotContain("DASH-XML-NOT-WELL-FORMED", DashTestSupport.Codes(analysis));
        Assert.Equal([1L, 2, 3, 4], window.Segments.Select(s => s.Number));
        Assert.Equal([0d, 2, 4, 6], window.Segments.Select(s => s.Start.TotalSeconds));
        Assert.Equal("https://cdn.example/vod/V300/3.m4s", window.Segments[2].Url.AbsoluteUri);
        Assert.Equal("https://cdn.example/vod/V300/init.mp4", window.InitializationUrl!.AbsoluteUri);
        Assert.Null(window.LiveEdge);
        Assert.False(analysis.IsLive);
    }

    [Fact]
    public void GetSegments_EndNumberBeforePeriodEnd_StopsAtEndNumber()
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Corpus.File("dash/livesim2__testpic-2s-endnumber.mpd")))
            .Replace("\"bprofiles=", "\" profiles=", StringComparison.Ordinal)
            .Replace("endNumber=\"4\"", "endNumber=\"3\"", StringComparison.Ordinal);
        var analysis = DashTestSupport.AnalyzeText(text);

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "A48"));

        Assert.Equal([1L, 2, 3], window.Segments.Select(s => s.Number));
    }

    [Fact]
    public void Analyze_UnrepairedEndNumberFile_ReportsNotWellFormedOnLineTwo()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__testpic-2s-endnumber.mpd");

        var finding = Assert.Single(analysis.Findings, f => f.Code == "DASH-XML-NOT-WELL-FORMED");
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void GetSegments_NumberTimelineAtPublishTime_ListsAllVideoButNotUnfinishedAudio()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__dynamic-snr.mpd", PublishTime);

        var video = analysis.GetSegments(DashTestSupport.Representation(analysis, "V300"));
        var audio = analysis.GetSegments(DashTestSupport.Representation(analysis, "A48"));

        // Video: t=154047647520000/90000 s = 2024-03-28T15:42:08Z, 31 × 2 s, ends exactly at 15:43:10.
        Assert.Equal(31, video.Segments.Count);
        Assert.Equal(855820264, video.Segments[0].Number);
        Assert.Equal(855820294, video.Segments[^1].Number);
        Assert.Equal("https://cdn.example/live/V300/855820294.m4s", video.Segments[^1].Url.AbsoluteUri);
        Assert.Equal(PublishTime, video.LiveEdge);
        Assert.Equal(TimeSpan.Zero, video.LiveEdgeLatency);
        Assert.Equal(new DateTimeOffset(2024, 3, 28, 15, 42, 8, TimeSpan.Zero), DateTimeOffset.UnixEpoch + video.Segments[0].Start);

        // Audio: 7 × (3 × 96256 + 95232) + 3 × 96256 units at 48 kHz = 62.016 s, so the 31st segment ends 16 ms after 15:43:10.
        Assert.Equal(30, audio.Segments.Count);
        Assert.Equal(855820293, audio.Segments[^1].Number);
    }

    [Fact]
    public void GetSegments_TwentySecondsAfterPublish_TimeShiftBufferDropsOldestTen()
    {
        var at = PublishTime.AddSeconds(20);
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__dynamic-snr.mpd", at);

        var video = analysis.GetSegments(DashTestSupport.Representation(analysis, "V300"));

        // Segment k ends at 15:42:10 + 2k s and stays until its end + 2 s + 60 s: k ≥ 10 survive at 15:43:30.
        Assert.Equal(21, video.Segments.Count);
        Assert.Equal(855820274, video.Segments[0].Number);
        Assert.Equal(TimeSpan.FromSeconds(20), video.LiveEdgeLatency);
        Assert.Equal(video.Segments[0].AvailabilityEnd, new DateTimeOffset(2024, 3, 28, 15, 43, 32, TimeSpan.Zero));
    }

    [Fact]
    public void GetSegments_BeforeTimelineEnd_ListsOnlyCompletedSegments()
    {
        var at = new DateTimeOffset(2024, 3, 28, 15, 42, 21, TimeSpan.Zero);
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__dynamic-timeline-update1.mpd", at);

        var video = analysis.GetSegments(DashTestSupport.Representation(analysis, "V300"));

        // Completed by 15:42:21: segments ending 15:42:10 ... 15:42:20, i.e. k = 0..5; $Time$ addressing.
        Assert.Equal(6, video.Segments.Count);
        Assert.Equal("https://cdn.example/live/V300/154047647520000.m4s", video.Segments[0].Url.AbsoluteUri);
        Assert.Equal(154047647520000 + (5 * 180000), video.Segments[^1].Time);
        Assert.Equal(TimeSpan.FromSeconds(1), video.LiveEdgeLatency);
    }

    [Fact]
    public void GetSegments_InvalidAvailabilityStart_ListsTimelineAsWritten()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/shakapackager__dynamic-live.mpd");

        var video = analysis.GetSegments(DashTestSupport.Representation(analysis, "0"));

        Assert.Contains("DASH-INVALID-DATETIME", DashTestSupport.Codes(analysis));
        Assert.Equal([2002L, 32032, 62062], video.Segments.Select(s => s.Time));
        Assert.Equal([1L, 2, 3], video.Segments.Select(s => s.Number));
        Assert.Equal("https://cdn.example/live/output_video-3.m4s", video.Segments[2].Url.AbsoluteUri);
        Assert.Null(video.LiveEdge);
    }

    [Fact]
    public void GetSegments_AlternatingDurationTimeTemplate_UsesTimeInUrls()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__alternating-segdur-time.mpd");

        var audio = analysis.GetSegments(DashTestSupport.Representation(analysis, "A48"));
        var video = analysis.GetSegments(DashTestSupport.Representation(analysis, "V300"));

        Assert.Equal(["https://cdn.example/live/A48/0.m4s", "https://cdn.example/live/A48/192512.m4s"], audio.Segments.Select(s => s.Url.AbsoluteUri));
        Assert.Equal([4d, 8], video.Segments.Select(s => s.Duration.TotalSeconds));
        var summary = Assert.Single(analysis.Playlists, p => p.Name == "V300");
        Assert.Equal(8, summary.TargetDuration);
        Assert.Equal(12, summary.DurationSeconds);
        Assert.Equal(2, summary.Segments);
        Assert.Equal(1, summary.MediaSequence);
    }

    [Fact]
    public void GetSegments_AvailabilityTimeOffsetInfinite_ListsTheSegmentInProgress()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1711640591);
        var analysis = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__ato-inf.mpd", at);

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "V300"));

        // duration 2 s, startNumber 0, TSBD 300 s: k from 855820144 (ends 300 s + 2 s before now at the earliest) to 855820295,
        // the segment still being produced (ATO=INF is capped to one segment duration: listed once it has started).
        Assert.Equal(855820144, window.Segments[0].Number);
        Assert.Equal(855820295, window.Segments[^1].Number);
        Assert.Equal(152, window.Segments.Count);
        Assert.Equal(TimeSpan.FromSeconds(-1), window.LiveEdgeLatency);
        Assert.StartsWith("https://livesim.dashif.org/livesim/sts_1679588477/sid_9c8db005/ato_inf/testpic_2s/V300/", window.Segments[0].Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 6, 24, 29)]
    [InlineData(" availabilityTimeOffset=\"2\"", 7, 24, 30)]
    [InlineData(" availabilityTimeOffset=\"1.5\"", 6, 24, 29)]
    public void GetSegments_DurationTemplate_HonoursWindowAndOffset(string ato, int count, long first, long last)
    {
        var analysis = DashTestSupport.AnalyzeText(Live($"""<SegmentTemplate media="seg-$Number%05d$.m4s" duration="4" timescale="2" startNumber="5"{ato}/>"""),
            new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero));

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "v"));

        // Period starts 10 s after AST, 2 s segments, now is 50 s into the period, TSBD 10 s.
        Assert.Equal(count, window.Segments.Count);
        Assert.Equal(first, window.Segments[0].Number);
        Assert.Equal(last, window.Segments[^1].Number);
        Assert.Equal("https://cdn.example/live/seg-00024.m4s", window.Segments[0].Url.AbsoluteUri);
        Assert.Equal(TimeSpan.FromSeconds(48), window.Segments[0].Start);
    }

    [Fact]
    public void GetSegments_InfiniteOffsetWithPeriodEnd_ListsWholePeriod()
    {
        var analysis = DashTestSupport.AnalyzeText(Live("""<SegmentTemplate media="$Number$.m4s" duration="2" availabilityTimeOffset="INF"/>""", periodDuration: " duration=\"PT40S\"", tsbd: ""),
            new DateTimeOffset(2024, 1, 1, 0, 0, 20, TimeSpan.Zero));

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "v"));

        // ATO=INF: every segment of the bounded 40 s period is available at any time, even those ending after "now".
        Assert.Equal(20, window.Segments.Count);
    }

    [Fact]
    public void GetSegments_PeriodEndedBeforeNow_StopsAtPeriodEnd()
    {
        var analysis = DashTestSupport.AnalyzeText(Live("""<SegmentTemplate media="$Number$.m4s" duration="2"/>""", periodDuration: " duration=\"PT40S\""),
            new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero));

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "v"));

        // The period spans 10–50 s: the last segment (k = 19, number 20) ends at 50 s and is still inside the 10 s buffer at 60 s.
        var segment = Assert.Single(window.Segments);
        Assert.Equal(20, segment.Number);
        Assert.Equal(TimeSpan.FromSeconds(10), window.LiveEdgeLatency);
    }

    [Fact]
    public void GetSegments_RepeatUntilNow_StopsAtLastCompletedSegment()
    {
        var analysis = DashTestSupport.AnalyzeText(Live("""<SegmentTemplate media="$Time$.m4s" timescale="1000"><SegmentTimeline><S t="30000" d="2000" r="-1"/></SegmentTimeline></SegmentTemplate>"""),
            new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero));

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "v"));

        // Media time 30 s = 40 s after AST; at 60 s ten 2 s segments have completed, but with TSBD 10 s only those
        // ending after 60 − 10 − 2 = 48 s are still available: the six ending at 50 … 60 s.
        Assert.Equal(6, window.Segments.Count);
        Assert.Equal(38000, window.Segments[0].Time);
        Assert.Equal(48000, window.Segments[^1].Time);
        Assert.Equal(TimeSpan.Zero, window.LiveEdgeLatency);
    }

    [Fact]
    public void GetSegments_MaxSegmentsLimit_KeepsNewestAndFlagsTruncation()
    {
        var analysis = DashTestSupport.AnalyzeText(Live("""<SegmentTemplate media="$Number$.m4s" duration="2"/>""", tsbd: ""),
            new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero), new MediaLimits { MaxSegments = 5 });

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "v"));

        Assert.True(window.Truncated);
        Assert.Equal(5, window.Segments.Count);
        Assert.Equal(25, window.Segments[^1].Number);
    }

    [Fact]
    public void GetSegments_SegmentListWithRanges_ResolvesUrlsAndRanges()
    {
        var analysis = DashTestSupport.AnalyzeText("""
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:full:2011" minBufferTime="PT2S" type="static" mediaPresentationDuration="PT4S">
              <BaseURL>http://origin.example/a/</BaseURL>
              <Period><AdaptationSet><Representation id="r" bandwidth="1">
                <BaseURL>media.mp4</BaseURL>
                <SegmentList timescale="10" duration="20"><Initialization range="0-99"/>
                  <SegmentURL mediaRange="100-199"/><SegmentURL mediaRange="200-"/>
                </SegmentList>
              </Representation></AdaptationSet></Period>
            </MPD>
            """);

        var window = analysis.GetSegments(DashTestSupport.Representation(analysis, "r"));

        Assert.Equal(2, window.Segments.Count);
        Assert.All(window.Segments, s => Assert.Equal("http://origin.example/a/media.mp4", s.Url.AbsoluteUri));
        Assert.Equal(new DashByteRange(100, 199), window.Segments[0].ByteRange);
        Assert.Equal(new DashByteRange(200, null), window.Segments[1].ByteRange);
        Assert.Equal(100, window.Segments[0].ByteRange!.Value.Length);
        Assert.Equal(new DashByteRange(0, 99), window.Representation.SegmentInfo.InitializationRange);
    }

    [Fact]
    public void GetSegments_OnDemandSegmentBase_OneSegmentWithIndexRange()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/shakapackager__ondemand-segmentbase.mpd");
        var rep = analysis.Manifest!.Periods[0].AdaptationSets[0].Representations[0];

        var window = analysis.GetSegments(rep);

        Assert.Equal(DashAddressingKind.SegmentBase, rep.SegmentInfo.Kind);
        Assert.NotNull(rep.SegmentInfo.IndexRange);
        var segment = Assert.Single(window.Segments);
        Assert.Equal(rep.BaseUrl, segment.Url);
        // The duration is expressed in the SegmentBase timescale, so it can differ from the xs:duration by under one unit.
        Assert.Equal(analysis.Manifest.Periods[0].Duration!.Value.TotalSeconds, segment.Duration.TotalSeconds, 3);
    }

    [Fact]
    public void Resolve_MultipleBaseUrls_PrimaryFirstAndAbsoluteOverrides()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__multi-baseurl.mpd");

        var reps = analysis.Manifest!.AllRepresentations().ToList();

        Assert.Contains(reps, r => r.BaseUrls.Count >= 3);
        var relative = reps.First(r => r.BaseUrls.Count >= 3);
        Assert.Equal("https://cdn.example/live/", relative.BaseUrls[0].AbsoluteUri);
        Assert.Equal("https://cdn.example/a/", relative.BaseUrls[1].AbsoluteUri);
        Assert.Equal("https://cdn.example/b/", relative.BaseUrls[2].AbsoluteUri);
    }

    [Fact]
    public void Resolve_TemplateInheritance_MergesAttributeByAttribute()
    {
        var analysis = DashTestSupport.AnalyzeText("""
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" minBufferTime="PT2S" type="static" mediaPresentationDuration="PT10S">
              <Period>
                <SegmentTemplate timescale="1000" startNumber="7" initialization="$RepresentationID$/init.mp4"/>
                <AdaptationSet>
                  <SegmentTemplate media="$RepresentationID$/$Bandwidth$/$Number%03d$.m4s" duration="5000"/>
                  <Representation id="hd" bandwidth="5000000"><SegmentTemplate startNumber="1"/></Representation>
                </AdaptationSet>
              </Period>
            </MPD>
            """);

        var rep = DashTestSupport.Representation(analysis, "hd");
        var window = analysis.GetSegments(rep);

        Assert.Equal(1000, rep.SegmentInfo.Timescale);
        Assert.Equal(1, rep.SegmentInfo.StartNumber);
        Assert.Equal(["https://cdn.example/live/hd/5000000/001.m4s", "https://cdn.example/live/hd/5000000/002.m4s"], window.Segments.Select(s => s.Url.AbsoluteUri));
        Assert.Equal("https://cdn.example/live/hd/init.mp4", window.InitializationUrl!.AbsoluteUri);
    }

    [Fact]
    public void Resolve_MultiPeriodWithoutStart_DerivesStartFromPreviousDuration()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/mpdparser__multiperiod-segment-list.mpd");

        var periods = analysis.Manifest!.Periods;

        Assert.Equal(TimeSpan.Zero, periods[0].Start);
        Assert.Equal(TimeSpan.FromSeconds(6), periods[1].Start);
        Assert.Equal(TimeSpan.FromSeconds(6), periods[1].Duration);
        var second = analysis.GetSegments(periods[1].AdaptationSets[0].Representations[0]);
        Assert.Equal(TimeSpan.FromSeconds(9), second.Segments[1].Start);
    }

    [Fact]
    public void GetLiveEdge_DynamicMpd_IsEarliestNewestSegmentEnd()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/livesim2__dynamic-snr.mpd", PublishTime);

        var edge = analysis.GetLiveEdge(PublishTime);

        // Audio's newest complete segment ends 15:43:10 − 0.016 s − 2.005333 s (it is the 30th of 31).
        Assert.NotNull(edge);
        Assert.True(edge < PublishTime);
        Assert.True(PublishTime - edge.Value < TimeSpan.FromSeconds(2.1));
        Assert.Equal(TimeSpan.FromSeconds(2), analysis.ReloadInterval);
    }

    internal static string Live(string segmentInfo, string periodDuration = "", string tsbd = " timeShiftBufferDepth=\"PT10S\"") => $"""
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" minBufferTime="PT2S" type="dynamic"
             availabilityStartTime="2024-01-01T00:00:00Z" publishTime="2024-01-01T00:01:00Z" minimumUpdatePeriod="PT2S"{tsbd}>
          <Period id="p" start="PT10S"{periodDuration}>
            <AdaptationSet mimeType="video/mp4">
              {segmentInfo}
              <Representation id="v" bandwidth="1000000"/>
            </AdaptationSet>
          </Period>
          <UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-iso:2014" value="https://time.example/"/>
        </MPD>
        """;
}
