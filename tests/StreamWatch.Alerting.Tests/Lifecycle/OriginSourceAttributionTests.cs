using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Lifecycle;

/// <summary>
/// A polled origin source (<c>StreamRef.origin</c>) is evidence, never a CDN: it decides the attribution of the faults it
/// shares with the CDNs, and stays out of the stream's state, the CDN states and the failover candidates.
/// </summary>
public sealed class OriginSourceAttributionTests
{
    private const string Stale = nameof(RuleKind.ManifestStale);

    [Fact]
    public void OneCdnStale_WithAHealthyOrigin_IsPagedForThatCdn_AndRecommendsTheHealthyCdn()
    {
        using var harness = new EngineHarness();
        harness.OriginPoll(age: 2);
        harness.Poll("cdn-b", age: 2);
        harness.Poll("cdn-a", age: 10);
        harness.Advance(10);
        harness.OriginPoll(age: 2);
        harness.Poll("cdn-b", age: 2);
        harness.Poll("cdn-a", age: 20);

        var notified = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        Assert.Equal("cdn-a", notified.Alert.Cdn);
        Assert.Equal("cdn", notified.Alert.Attribution);
        Assert.Equal("healthy", notified.Alert.OriginState);
        Assert.Contains("the origin is healthy", notified.Alert.Summary, StringComparison.Ordinal);

        var recommendation = FailoverRecommendation.For(NotificationRecord.From(notified, 1), harness.Engine.GetHealth());
        Assert.Equal(("failover", "cdn-a", "cdn-b"), (recommendation.Action, recommendation.From, recommendation.To));
    }

    [Fact]
    public void OriginAndEveryCdnStale_RaiseOneOriginAlert_AndRecommendNothing()
    {
        using var harness = new EngineHarness();
        harness.OriginPoll(age: 10);
        harness.Poll("cdn-a", age: 10);
        harness.Poll("cdn-b", age: 10);
        harness.Advance(10);
        harness.OriginPoll(age: 20);
        harness.Poll("cdn-a", age: 20);
        harness.Poll("cdn-b", age: 20);

        var notified = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        Assert.Equal(("origin", "faulty", string.Empty), (notified.Alert.Attribution, notified.Alert.OriginState, notified.Alert.Cdn));
        Assert.Equal("The origin of final-hindi shows ManifestStale too, as do cdn-a, cdn-b: the fault is at the origin or encoder, not the CDNs", notified.Alert.Summary);
        var perCdn = harness.Sink.Transitions.FindAll(t => t.Alert.Rule == Stale && t.To == AlertLifecycleState.Firing && t.Alert.Cdn.Length > 0);
        Assert.Equal(2, perCdn.Count);
        Assert.All(perCdn, t => Assert.Equal((NotificationSuppression.Inhibited, "origin"), (t.Suppression, t.Alert.Attribution)));

        var recommendation = FailoverRecommendation.For(NotificationRecord.From(notified, 1), harness.Engine.GetHealth());
        Assert.Equal("none", recommendation.Action);
        Assert.Null(recommendation.To);
        Assert.Contains("origin of final-hindi shows the fault too", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OneCdnStream_WithItsOriginStale_IsAttributedToTheOrigin()
    {
        using var harness = new EngineHarness();
        harness.OriginPoll(age: 10);
        harness.Poll("cdn-a", age: 10);
        harness.Advance(10);
        harness.OriginPoll(age: 20);
        harness.Poll("cdn-a", age: 20);

        var notified = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        Assert.Equal(("origin", "faulty"), (notified.Alert.Attribution, notified.Alert.OriginState));
        Assert.Equal(NotificationSuppression.Inhibited, harness.Sink.Transitions.Single(t => t.Alert.Cdn == "cdn-a" && t.To == AlertLifecycleState.Firing).Suppression);
        Assert.Equal("none", FailoverRecommendation.For(NotificationRecord.From(notified, 1), harness.Engine.GetHealth()).Action);
    }

    [Fact]
    public void EveryCdnStale_WithAHealthyOrigin_PagesEachCdn_NamingTheSharedPath()
    {
        using var harness = new EngineHarness();
        harness.OriginPoll(age: 2);
        harness.Poll("cdn-a", age: 10);
        harness.Poll("cdn-b", age: 10);
        harness.Advance(10);
        harness.OriginPoll(age: 2);
        harness.Poll("cdn-a", age: 20);
        harness.Poll("cdn-b", age: 20);

        var notified = harness.Sink.Notified().FindAll(t => t.Alert.Rule == Stale);
        Assert.Equal(["cdn-a", "cdn-b"], notified.ConvertAll(t => t.Alert.Cdn));
        Assert.All(notified, t => Assert.Equal(("cdns", "healthy"), (t.Alert.Attribution, t.Alert.OriginState)));
        Assert.All(notified, t => Assert.Contains("not the origin", t.Alert.Summary, StringComparison.Ordinal));
        Assert.Null(harness.AlertOf(Stale));

        var recommendation = FailoverRecommendation.For(NotificationRecord.From(notified[0], 1), harness.Engine.GetHealth());
        Assert.Equal("none", recommendation.Action);
        Assert.Contains("path they share", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HealthyOrigin_IsNeverAFailoverTarget()
    {
        using var harness = new EngineHarness();
        harness.OriginPoll(age: 2);
        harness.Poll("cdn-b", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-b", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-a", age: 10);
        harness.Advance(10);
        harness.OriginPoll(age: 2);
        harness.Poll("cdn-a", age: 20);

        var notified = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        var health = Assert.Single(harness.Engine.GetHealth());
        Assert.Equal(["cdn-b", "cdn-a"], health.Sources.Select(s => s.Cdn));
        Assert.Equal(HealthStatus.Operational, health.Origin?.Status);

        var recommendation = FailoverRecommendation.For(NotificationRecord.From(notified, 1), harness.Engine.GetHealth());
        Assert.Equal("none", recommendation.Action);
        Assert.Null(recommendation.To);
    }

    [Fact]
    public void OriginDown_WhileEveryCdnServes_LeavesTheStreamOperational_AndRaisesItsOwnOriginAlert()
    {
        using var harness = new EngineHarness();
        for (var i = 0; i < 12; i++)
        {
            harness.OriginPoll(outcome: FetchOutcome.HttpError);
            harness.Poll("cdn-a");
            harness.Poll("cdn-b");
            harness.Advance(1);
        }

        harness.Engine.Evaluate();
        var health = Assert.Single(harness.Engine.GetHealth());
        Assert.Equal(HealthStatus.Operational, health.Status);
        Assert.Equal(HealthStatus.Outage, health.Origin?.Status);
        Assert.DoesNotContain(health.Sources, s => s.Cdn == "origin");
        Assert.Null(harness.AlertOf(nameof(RuleKind.StreamDown)));
        Assert.Null(harness.AlertOf(nameof(RuleKind.ManifestUnavailable), "origin"));

        var origin = Assert.Single(harness.Sink.Notified());
        Assert.Equal((nameof(RuleKind.ManifestUnavailable), "origin", "faulty"), (origin.Alert.Rule, origin.Alert.Attribution, origin.Alert.OriginState));
        Assert.Contains("its CDNs do not yet", origin.Alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AdoptedCdnAlertWithAnAttribution_IsRestoredAsThatCdnsAlert()
    {
        using var before = new EngineHarness();
        before.OriginPoll(age: 2);
        before.Poll("cdn-b", age: 2);
        before.Poll("cdn-a", age: 10);
        before.Advance(10);
        before.Poll("cdn-a", age: 20);
        var stored = before.AlertOf(Stale, "cdn-a")!;
        Assert.Equal(("cdn", AlertLifecycleState.Firing), (stored.Attribution, stored.State));

        using var after = new EngineHarness();
        after.Engine.Adopt(EngineHarness.StreamId, [stored], openIncident: null);

        var restored = after.Engine.GetAlert(stored.Fingerprint);
        Assert.Equal(("cdn-a", "720p", AlertLifecycleState.Firing), (restored?.Cdn, restored?.Rendition, restored?.State));
        Assert.Null(after.AlertOf(Stale));
    }

    [Fact]
    public void OriginReports_AreAcceptedOnlyForStreamsConfiguredWithAnOrigin()
    {
        var catalog = new StreamCatalogOptions
        {
            Streams =
            {
                new CatalogStream { Id = "with-origin", Origin = "http://origin.example/a/master.m3u8", Sources = { new CatalogSource { Cdn = "cdn-a" } } },
                new CatalogStream { Id = "without", Sources = { new CatalogSource { Cdn = "cdn-a" } } },
            },
        };
        ProbeReport Report(string stream) => new() { Manifest = new ManifestPoll { Ref = new StreamRef { StreamId = stream, Cdn = "origin", RenditionId = "720p", Origin = true } } };

        Assert.Equal(ReportVerdict.Accepted, ReportClassifier.Classify(Report("with-origin"), catalog));
        Assert.Equal(ReportVerdict.UnknownStream, ReportClassifier.Classify(Report("without"), catalog));
    }
}
