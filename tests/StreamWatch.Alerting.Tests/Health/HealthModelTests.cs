using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Health;

public sealed class HealthModelTests
{
    [Fact]
    public void NoReports_StreamIsNotListed_AndASilentStreamBecomesUnknown()
    {
        using var harness = new EngineHarness();
        Assert.Empty(harness.Engine.GetHealth());

        harness.Poll("cdn-a");
        Assert.Equal(HealthStatus.Operational, harness.Engine.GetHealth()[0].Status);

        harness.Advance(harness.Options.HealthWindow.TotalSeconds + 1);
        var stream = harness.Engine.GetHealth()[0];
        Assert.Equal(HealthStatus.Unknown, stream.Status);
        Assert.Equal(HealthStatus.Unknown, stream.Sources[0].Status);
    }

    [Fact]
    public void HealthyRendition_ScoresOne()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a");
        harness.Segment("cdn-a");

        var source = harness.Engine.GetHealth()[0].Sources[0];
        Assert.Equal(1.0, source.Score);
        Assert.Equal(HealthStatus.Operational, source.Status);
    }

    [Fact]
    public void Score_IsManifestSuccessTimesFreshnessTimesSegmentSuccess()
    {
        using var harness = new EngineHarness();
        // 3 of 4 polls good (0.75); age 2.25 target durations (freshness 0.5); 1 of 4 segments failed (0.75).
        harness.Poll("cdn-a", age: 1);
        harness.Poll("cdn-a", age: 1);
        harness.Poll("cdn-a", outcome: FetchOutcome.Timeout);
        harness.Poll("cdn-a", age: 13.5);
        harness.Segment("cdn-a");
        harness.Segment("cdn-a");
        harness.Segment("cdn-a");
        harness.Segment("cdn-a", ok: false);

        var source = harness.Engine.GetHealth()[0].Sources[0];
        Assert.Equal(0.75 * 0.5 * 0.75, source.Score, precision: 9);
        Assert.Equal(HealthStatus.Outage, source.Status);
    }

    [Fact]
    public void PlaylistKeepsAgeingWhilePollsFail()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", age: 2);
        harness.Advance(17);
        harness.Poll("cdn-a", outcome: FetchOutcome.ConnectionError);

        // Age 2 + 17 = 19 s > 3 target durations: freshness 0, whatever the success ratio.
        Assert.Equal(0, harness.Engine.GetHealth()[0].Sources[0].Score);
    }

    [Fact]
    public void OneRenditionDown_LeavesTheSourceDegraded_EveryRenditionDown_IsAnOutage()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", rendition: "1080p");
        harness.Poll("cdn-a", rendition: "720p", outcome: FetchOutcome.HttpError);

        var source = harness.Engine.GetHealth()[0].Sources[0];
        Assert.Equal(0, source.Score);
        Assert.Equal(HealthStatus.Degraded, source.Status);

        harness.Poll("cdn-a", rendition: "1080p", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-a", rendition: "1080p", outcome: FetchOutcome.HttpError);
        Assert.Equal(HealthStatus.Outage, harness.Engine.GetHealth()[0].Sources[0].Status);
    }

    [Fact]
    public void SourceScore_IsItsWorstRendition()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", rendition: "1080p");
        harness.Poll("cdn-a", rendition: "720p", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-a", rendition: "720p");

        var source = harness.Engine.GetHealth()[0].Sources[0];
        Assert.Equal(0.5, source.Score);
        Assert.Equal(HealthStatus.Degraded, source.Status);
        Assert.Equal(2, source.Renditions.Count);
    }

    [Fact]
    public void StreamState_IsOutageWhenEverySourceIsDown_DegradedWhenSomeAre()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a");
        harness.Poll("cdn-b", outcome: FetchOutcome.HttpError);
        Assert.Equal(HealthStatus.Degraded, harness.Engine.GetHealth()[0].Status);

        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        Assert.Equal(HealthStatus.Outage, harness.Engine.GetHealth()[0].Status);
    }

    [Fact]
    public void HealthStatus_MapsToTheWireEnum()
    {
        Assert.Equal(StreamState.Operational, HealthStatus.Operational.ToContract());
        Assert.Equal(StreamState.Degraded, HealthStatus.Degraded.ToContract());
        Assert.Equal(StreamState.Outage, HealthStatus.Outage.ToContract());
        Assert.Equal(StreamState.Unknown, HealthStatus.Unknown.ToContract());
    }
}
