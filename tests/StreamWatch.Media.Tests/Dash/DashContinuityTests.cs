using System.Text;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Dash;

/// <summary>
/// LIVE- findings between successive MPD snapshots. The base pair is livesim2's real update
/// (publishTime 15:43:10 → 15:43:18, window slid by 8 s = 4 segments); mutations are applied to the text in memory.
/// </summary>
public sealed class DashContinuityTests
{
    private static readonly DateTimeOffset FirstPoll = new(2024, 3, 28, 15, 43, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondPoll = new(2024, 3, 28, 15, 43, 18, TimeSpan.Zero);
    private static readonly Uri MpdUrl = new("https://cdn.example/live/Manifest.mpd");

    private static string Update1 => File.ReadAllText(Corpus.File("dash/livesim2__dynamic-timeline-update1.mpd"));

    private static string Update2 => File.ReadAllText(Corpus.File("dash/livesim2__dynamic-timeline-update2.mpd"));

    private static ManifestAnalysis At(string text, DateTimeOffset at) => ManifestAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), MpdUrl, at);

    private static IReadOnlyList<Finding> Compare(string first, string second, DateTimeOffset? secondAt = null)
        => ManifestAnalyzer.Compare(At(first, FirstPoll), At(second, secondAt ?? SecondPoll));

    private static string[] Codes(IReadOnlyList<Finding> findings) => findings.Select(f => f.Code).ToArray();

    [Fact]
    public void Compare_RealLivesimUpdatePair_ReportsNothing()
    {
        var findings = Compare(Update1, Update2);

        Assert.Empty(findings);
    }

    [Fact]
    public void Compare_UpdatePairInReverse_ReportsPublishTimeRegression()
    {
        var findings = ManifestAnalyzer.Compare(At(Update2, SecondPoll), At(Update1, SecondPoll.AddSeconds(2)));

        var finding = Assert.Single(findings, f => f.Code == "LIVE-PUBLISH-TIME-REGRESSION");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("2024-03-28T15:43:18Z", finding.Message, StringComparison.Ordinal);
        Assert.Contains("2024-03-28T15:43:10Z", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ContentChangedButPublishTimeNot_ReportsUnchangedPublishTime()
    {
        var second = Update2.Replace("publishTime=\"2024-03-28T15:43:18Z\"", "publishTime=\"2024-03-28T15:43:10Z\"", StringComparison.Ordinal);

        var findings = Compare(Update1, second);

        Assert.Contains("LIVE-PUBLISH-TIME-UNCHANGED", Codes(findings));
    }

    [Fact]
    public void Compare_IdenticalSnapshot_ReportsNothing()
    {
        var findings = Compare(Update1, Update1, FirstPoll.AddSeconds(1));

        Assert.Empty(findings);
    }

    [Fact]
    public void Compare_SegmentTimeShifted_ReportsTimelineChange()
    {
        // Video timeline moved by one second (90000 units): the segments still listed no longer start where they did.
        var second = Update2.Replace("t=\"154047648240000\"", "t=\"154047648330000\"", StringComparison.Ordinal);

        var findings = Compare(Update1, second);

        var finding = Assert.Single(findings, f => f.Code == "LIVE-TIMELINE-SEGMENT-CHANGED");
        Assert.Contains("'V300'", finding.Message, StringComparison.Ordinal);
        Assert.Equal("MPD/Period[0]/AdaptationSet[1]/Representation[0]", finding.Path);
    }

    [Fact]
    public void Compare_SegmentDurationChanged_ReportsTimelineChange()
    {
        var second = Update2.Replace("<S t=\"154047648240000\" d=\"180000\" r=\"30\"></S>",
            "<S t=\"154047648240000\" d=\"180000\" r=\"10\"></S><S d=\"170000\"></S><S d=\"190000\" r=\"18\"></S>", StringComparison.Ordinal);

        var findings = Compare(Update1, second);

        Assert.Contains("LIVE-TIMELINE-SEGMENT-CHANGED", Codes(findings));
    }

    [Fact]
    public void Compare_SegmentsRemovedInsideTimeShiftBuffer_ReportsEarlyRemoval()
    {
        // With a 5-minute buffer, the four segments that slid out (ending 15:42:10–15:42:16) must still be listed at 15:43:18.
        var first = Update1.Replace("timeShiftBufferDepth=\"PT1M\"", "timeShiftBufferDepth=\"PT5M\"", StringComparison.Ordinal);
        var second = Update2.Replace("timeShiftBufferDepth=\"PT1M\"", "timeShiftBufferDepth=\"PT5M\"", StringComparison.Ordinal);

        var findings = Compare(first, second);

        var removed = findings.Where(f => f.Code == "LIVE-SEGMENT-REMOVED-EARLY").ToList();
        Assert.Equal(2, removed.Count); // audio and video
        Assert.Contains(removed, f => f.Message.Contains("4 segment(s)", StringComparison.Ordinal) && f.Message.Contains("t=154047647520000", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_SegmentRemovedAtTheEdgeOfTheTimeShiftBuffer_IsNotEarly()
    {
        // A 62.5 s buffer at 15:43:18 starts at 15:42:15.5: the newest segment that slid out (15:42:14-15:42:16) ends
        // inside it by half a segment, the packager trimming its window as a new segment completes. Not an error;
        // the 5-minute case above is.
        var first = Update1.Replace("timeShiftBufferDepth=\"PT1M\"", "timeShiftBufferDepth=\"PT62.5S\"", StringComparison.Ordinal);
        var second = Update2.Replace("timeShiftBufferDepth=\"PT1M\"", "timeShiftBufferDepth=\"PT62.5S\"", StringComparison.Ordinal);

        var findings = Compare(first, second);

        Assert.DoesNotContain("LIVE-SEGMENT-REMOVED-EARLY", Codes(findings));
    }

    [Fact]
    public void Compare_TimelineJumpsAhead_ReportsDiscontinuity()
    {
        // The new video timeline starts 100 s after the old one ended: segments in between were never listed.
        var second = Update2.Replace("t=\"154047648240000\"", "t=\"154047663300000\"", StringComparison.Ordinal);

        var findings = Compare(Update1, second, SecondPoll.AddSeconds(170));

        Assert.Contains(findings, f => f.Code == "LIVE-TIMELINE-DISCONTINUITY" && f.Message.Contains("'V300'", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_AvailabilityStartTimeChanged_ReportsIt()
    {
        var second = Update2.Replace("availabilityStartTime=\"1970-01-01T00:00:00Z\"", "availabilityStartTime=\"1970-01-01T00:00:01Z\"", StringComparison.Ordinal);

        var findings = Compare(Update1, second);

        Assert.Contains("LIVE-AVAILABILITY-START-CHANGED", Codes(findings));
    }

    [Fact]
    public void Compare_StartNumberWentBack_ReportsRegressionAndRenumbering()
    {
        var first = File.ReadAllText(Corpus.File("dash/livesim2__dynamic-snr.mpd"));
        var second = first.Replace("publishTime=\"2024-03-28T15:43:10Z\"", "publishTime=\"2024-03-28T15:43:12Z\"", StringComparison.Ordinal)
            .Replace("startNumber=\"855820264\"", "startNumber=\"855820000\"", StringComparison.Ordinal);

        var findings = Compare(first, second, FirstPoll.AddSeconds(2));

        Assert.Contains("LIVE-START-NUMBER-REGRESSION", Codes(findings));
        Assert.Contains("LIVE-SEGMENT-RENUMBERED", Codes(findings));
    }

    [Fact]
    public void Compare_DynamicBecomesStatic_ReportsEndOfLiveAsInfo()
    {
        var second = Update2.Replace("type=\"dynamic\"", "type=\"static\"", StringComparison.Ordinal);

        var finding = Assert.Single(Compare(Update1, second));

        Assert.Equal("LIVE-ENDED", finding.Code);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
    }

    [Fact]
    public void Compare_PeriodRemovedWhileInBuffer_ReportsRemoval()
    {
        var first = TwoPeriods("<Period id=\"a\" start=\"PT0S\">{0}</Period><Period id=\"b\" start=\"PT20S\">{0}</Period>");
        var second = TwoPeriods("<Period id=\"b\" start=\"PT20S\">{0}</Period>");
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero);

        var findings = ManifestAnalyzer.Compare(At(first, at), At(second, at.AddSeconds(2)));

        Assert.Contains(findings, f => f.Code == "LIVE-PERIOD-REMOVED" && f.Message.Contains("'a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_PeriodsReordered_ReportsReorder()
    {
        var first = TwoPeriods("<Period id=\"a\" start=\"PT0S\">{0}</Period><Period id=\"b\" start=\"PT20S\">{0}</Period>");
        var second = TwoPeriods("<Period id=\"b\" start=\"PT0S\">{0}</Period><Period id=\"a\" start=\"PT20S\">{0}</Period>");
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 30, TimeSpan.Zero);

        var findings = ManifestAnalyzer.Compare(At(first, at), At(second, at.AddSeconds(2)));

        Assert.Contains("LIVE-PERIOD-REORDERED", Codes(findings));
        Assert.Contains("LIVE-PERIOD-START-CHANGED", Codes(findings));
    }

    private static string TwoPeriods(string periods)
    {
        const string Set = """<AdaptationSet mimeType="video/mp4"><SegmentTemplate media="$Number$.m4s" duration="2"/><Representation id="v" bandwidth="1"/></AdaptationSet>""";
        return """<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" minBufferTime="PT2S" type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z" publishTime="2024-01-01T00:00:30Z" minimumUpdatePeriod="PT2S" timeShiftBufferDepth="PT60S">"""
            + periods.Replace("{0}", Set, StringComparison.Ordinal) + "</MPD>";
    }
}
