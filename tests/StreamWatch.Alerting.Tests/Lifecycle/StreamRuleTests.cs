using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class StreamRuleTests
{
    [Fact]
    public void EverySourceDown_FiresStreamDownAfterItsFor()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-b", outcome: FetchOutcome.Timeout);
        Assert.Equal(AlertLifecycleState.Pending, harness.AlertOf("StreamDown")!.State);

        harness.Advance(10);
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-b", outcome: FetchOutcome.Timeout);

        var down = harness.AlertOf("StreamDown")!;
        Assert.Equal(AlertLifecycleState.Firing, down.State);
        Assert.Equal("final-hindi is down on every CDN", down.Summary);
        Assert.Equal(string.Empty, down.Cdn);
    }

    [Fact]
    public void OneSourceDown_DoesNotFireStreamDown()
    {
        using var harness = new EngineHarness();
        for (var i = 0; i < 5; i++)
        {
            harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
            harness.Poll("cdn-b");
            harness.Advance(6);
        }

        Assert.Null(harness.AlertOf("StreamDown"));
    }

    [Fact]
    public async Task SourceWithoutReports_FiresProbeSilentOnTheTimerAndResolvesOnTheNextReport()
    {
        using var harness = new EngineHarness();
        using var timer = new RuleEvaluationTimer(harness.Engine, harness.Time, Options.Create(harness.Options));
        await timer.StartAsync(TestContext.Current.CancellationToken);
        harness.Poll("cdn-a", targetDuration: 4);

        // 3 target durations = 12 s without a report.
        harness.Advance(12);
        Assert.Null(harness.AlertOf("ProbeSilent", "cdn-a"));
        harness.Advance(1);
        var silent = harness.AlertOf("ProbeSilent", "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, silent.State);
        Assert.Equal("No probe reports for final-hindi on cdn-a for 13 s", silent.Summary);

        harness.Poll("cdn-a", targetDuration: 4);
        Assert.Equal(AlertLifecycleState.Resolved, harness.AlertOf("ProbeSilent", "cdn-a")!.State);
    }

    [Fact]
    public void SegmentErrorRatio_OverASlidingWindowForgetsOldFailures()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = "SegmentErrorsHigh", For = TimeSpan.Zero, ClearFor = TimeSpan.Zero }));
        harness.Segment("cdn-a", ok: false);
        harness.Advance(6);
        for (var i = 0; i < 8; i++)
        {
            harness.Segment("cdn-a");
            harness.Advance(6);
        }

        // 1 failure in 9 segments: 11 % > 10 %.
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf("SegmentErrorsHigh", "cdn-a")!.State);

        // Over a minute on, the failure has left the window.
        harness.Advance(7);
        harness.Segment("cdn-a");
        var alert = harness.AlertOf("SegmentErrorsHigh", "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Resolved, alert.State);
        Assert.Equal(0, alert.Value);
    }

    [Fact]
    public void ContinuityFindings_RaiseSequenceError()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", liveErrors: "LIVE-MEDIA-SEQUENCE-REGRESSED");

        var alert = harness.AlertOf("SequenceError", "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, alert.State);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
    }

    [Fact]
    public void CdnTwoSegmentsBehindTheLeader_RaisesCdnBehind()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", skew: 12);
        harness.Advance(30);
        harness.Poll("cdn-a", skew: 12);

        var alert = harness.AlertOf("CdnBehind", "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, alert.State);
        Assert.Equal("cdn-a is 2 segments behind the leading CDN on 720p", alert.Summary);
    }

    [Fact]
    public void SlowSegmentDownloads_RaiseSegmentSlow()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = "SegmentSlow", For = TimeSpan.Zero }));
        harness.Segment("cdn-a", downloadSeconds: 5.4, duration: 6);

        Assert.Equal("cdn-a needs 90 % of real time to deliver 720p segments (last 60 s)", harness.AlertOf("SegmentSlow", "cdn-a")!.Summary);
    }

    [Fact]
    public void ConsecutiveFailedPolls_RaiseManifestUnavailable_AndLeaveManifestStaleAsItWas()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        Assert.Null(harness.AlertOf("ManifestUnavailable", "cdn-a"));

        harness.Advance(3);
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        Assert.Equal(AlertLifecycleState.Pending, harness.AlertOf("ManifestUnavailable", "cdn-a")!.State);

        harness.Advance(10);
        harness.Poll("cdn-a", outcome: FetchOutcome.Timeout);
        var alert = harness.AlertOf("ManifestUnavailable", "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, alert.State);
        Assert.Equal("cdn-a fails to serve the 720p playlist: 3 polls failed in a row", alert.Summary);
        Assert.Null(harness.AlertOf("ManifestStale", "cdn-a"));
    }
}

