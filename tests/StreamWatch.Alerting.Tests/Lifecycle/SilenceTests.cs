using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class SilenceTests
{
    private const string Stale = nameof(RuleKind.ManifestStale);

    private static EngineHarness Harness() => new(rules => rules.Rules.Add(new RuleSettings { Name = Stale, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 }));

    [Fact]
    public void SilencedAlert_FiresAndResolvesWithoutNotifications()
    {
        using var harness = Harness();
        var now = harness.Time.GetUtcNow();
        harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a"), new LabelMatcher("rule", Stale)], now, now.AddHours(1), "asha", "planned CDN maintenance");

        harness.Poll("cdn-a", age: 12);
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Stale, "cdn-a")!.State);
        harness.Poll("cdn-a", age: 2);

        Assert.Equal(AlertLifecycleState.Resolved, harness.AlertOf(Stale, "cdn-a")!.State);
        var transitions = harness.Sink.Transitions.FindAll(t => t.To is AlertLifecycleState.Firing or AlertLifecycleState.Resolved);
        Assert.Equal(2, transitions.Count);
        Assert.All(transitions, t => Assert.Equal(NotificationSuppression.Silenced, t.Suppression));
        Assert.Empty(harness.Sink.Notified());
    }

    [Fact]
    public void SilenceOfAnotherCdn_DoesNotSuppress()
    {
        using var harness = Harness();
        var now = harness.Time.GetUtcNow();
        harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-b")], now, now.AddHours(1), "asha");

        harness.Poll("cdn-a", age: 12);

        Assert.Single(harness.Sink.Notified());
    }

    [Fact]
    public void AlertFiringBeforeTheSilence_ResolutionIsStillNotified()
    {
        using var harness = Harness();
        harness.Poll("cdn-a", age: 12);
        var now = harness.Time.GetUtcNow();
        harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a")], now, now.AddHours(1), "asha");
        harness.Poll("cdn-a", age: 2);

        Assert.Equal([AlertLifecycleState.Firing, AlertLifecycleState.Resolved], harness.Sink.Notified().ConvertAll(t => t.To));
    }

    [Fact]
    public void ExpiredOrRemovedSilence_NoLongerSuppresses()
    {
        using var harness = Harness();
        var now = harness.Time.GetUtcNow();
        harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a")], now, now.AddMinutes(1), "asha");
        var removed = harness.Engine.AddSilence([new LabelMatcher("stream", EngineHarness.StreamId)], now, now.AddHours(1), "asha");
        Assert.True(harness.Engine.RemoveSilence(removed.Id));
        harness.Advance(61);
        harness.Engine.Evaluate();

        harness.Poll("cdn-a", age: 12);

        Assert.Empty(harness.Engine.GetSilences());
        Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
    }

    [Fact]
    public void AddSilence_WithoutMatchers_Throws()
    {
        using var harness = Harness();
        var now = harness.Time.GetUtcNow();
        Assert.Throws<ArgumentException>(() => harness.Engine.AddSilence([], now, now.AddHours(1), "asha"));
        Assert.Throws<ArgumentException>(() => harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a")], now, now, "asha"));
    }

    [Fact]
    public void SilenceEndingWhileTheAlertFires_AnnouncesItOnTheNextEvaluation()
    {
        using var harness = Harness();
        var now = harness.Time.GetUtcNow();
        harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a")], now, now.AddMinutes(1), "asha");
        harness.Poll("cdn-a", age: 12);
        Assert.Empty(StaleNotified(harness));

        harness.Advance(30);
        harness.Poll("cdn-a", age: 42);
        harness.Engine.Evaluate();
        Assert.Empty(StaleNotified(harness));

        harness.Advance(30);
        harness.Engine.Evaluate();
        var announced = Assert.Single(StaleNotified(harness));
        Assert.Equal((AlertLifecycleState.Firing, AlertLifecycleState.Firing), (announced.From, announced.To));

        harness.Poll("cdn-a", age: 1);
        Assert.Equal(AlertLifecycleState.Resolved, StaleNotified(harness)[^1].To);
    }

    private static List<AlertTransition> StaleNotified(EngineHarness harness) => harness.Sink.Notified().FindAll(t => t.Alert.Rule == Stale);
}
