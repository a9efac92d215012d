using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class AttributionTests
{
    private const string Stale = nameof(RuleKind.ManifestStale);

    [Fact]
    public void EveryCdnStale_RaisesOneOriginAlertAndInhibitsThePerCdnCopies()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", age: 10);
        harness.Advance(2);
        harness.Poll("cdn-b", age: 10);
        harness.Advance(8);
        harness.Poll("cdn-a", age: 18);
        harness.Advance(2);
        harness.Poll("cdn-b", age: 18);

        var firing = harness.Sink.Transitions.FindAll(t => t.Alert.Rule == Stale && t.To == AlertLifecycleState.Firing);
        Assert.Equal(3, firing.Count);
        var notified = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        Assert.Equal("origin", notified.Alert.Attribution);
        Assert.Equal(string.Empty, notified.Alert.Cdn);
        Assert.Equal("final-hindi", notified.Alert.Stream);
        Assert.Contains("origin or encoder", notified.Alert.Summary, StringComparison.Ordinal);
        Assert.All(firing.FindAll(t => t.Alert.Attribution is null), t => Assert.Equal(NotificationSuppression.Inhibited, t.Suppression));
    }

    [Fact]
    public void InhibitedCdnAlert_ResolvesWithoutNotification()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = Stale, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 }));
        harness.Poll("cdn-a", age: 10);
        harness.Poll("cdn-b", age: 10);
        harness.Advance(10);
        harness.Poll("cdn-a", age: 20);
        harness.Poll("cdn-b", age: 20);
        harness.Poll("cdn-a", age: 1);
        harness.Poll("cdn-b", age: 1);

        var resolved = harness.Sink.Transitions.FindAll(t => t.Alert.Rule == Stale && t.To == AlertLifecycleState.Resolved);
        Assert.Equal(3, resolved.Count);
        var notified = harness.Sink.Notified().FindAll(t => t.Alert.Rule == Stale);
        Assert.Equal([AlertLifecycleState.Firing, AlertLifecycleState.Resolved], notified.ConvertAll(t => t.To));
        Assert.All(notified, t => Assert.Equal("origin", t.Alert.Attribution));
    }

    [Fact]
    public void OneCdnStale_IsPagedForThatCdnAndNotAttributedToTheOrigin()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-b", age: 1);
        harness.Poll("cdn-a", age: 10);
        harness.Advance(10);
        harness.Poll("cdn-b", age: 1);
        harness.Poll("cdn-a", age: 20);

        var notified = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        Assert.Equal("cdn-a", notified.Alert.Cdn);
        Assert.Null(notified.Alert.Attribution);
    }

    [Fact]
    public void OriginRecoveringWhileOneCdnStillShowsTheFault_AnnouncesThatCdnsAlertAfterFor()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = Stale, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 }));
        harness.Poll("cdn-a", age: 10);
        harness.Poll("cdn-b", age: 10);
        harness.Advance(10);
        harness.Poll("cdn-a", age: 20);
        harness.Poll("cdn-b", age: 20);
        harness.Poll("cdn-a", age: 1);
        Assert.Equal(2, harness.Sink.Notified().FindAll(t => t.Alert.Rule == Stale).Count);

        // cdn-b gets the rule's for (10 s) to follow the recovered origin before it is paged.
        harness.Advance(9);
        harness.Engine.Evaluate();
        Assert.Equal(2, harness.Sink.Notified().FindAll(t => t.Alert.Rule == Stale).Count);
        harness.Advance(1);
        harness.Engine.Evaluate();

        var notified = harness.Sink.Notified().FindAll(t => t.Alert.Rule == Stale);
        Assert.Equal(3, notified.Count);
        Assert.Equal(("origin", AlertLifecycleState.Resolved), (notified[1].Alert.Attribution, notified[1].To));
        Assert.Equal("cdn-b", notified[2].Alert.Cdn);
        Assert.Equal((AlertLifecycleState.Firing, AlertLifecycleState.Firing), (notified[2].From, notified[2].To));

        harness.Poll("cdn-b", age: 1);
        var last = harness.Sink.Notified().FindLast(t => t.Alert.Rule == Stale)!;
        Assert.Equal(("cdn-b", AlertLifecycleState.Resolved), (last.Alert.Cdn, last.To));
    }
}
