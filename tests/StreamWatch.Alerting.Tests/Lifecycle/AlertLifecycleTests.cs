using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class AlertLifecycleTests
{
    private const string Latency = nameof(RuleKind.LiveLatencyHigh);
    private const string Stale = nameof(RuleKind.ManifestStale);

    [Fact]
    public void ConditionHeldForFor_GoesPendingThenFiresOnlyAfterFor()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", latency: 40);
        Assert.Equal(AlertLifecycleState.Pending, harness.AlertOf(Latency, "cdn-a")!.State);

        harness.Advance(29);
        harness.Poll("cdn-a", latency: 41);
        Assert.Equal(AlertLifecycleState.Pending, harness.AlertOf(Latency, "cdn-a")!.State);

        harness.Advance(1);
        harness.Poll("cdn-a", latency: 42);
        var alert = harness.AlertOf(Latency, "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, alert.State);
        Assert.Equal(harness.Time.GetUtcNow(), alert.StartsAt);
        Assert.Equal(["Inactive->Pending", "Pending->Firing"], harness.Sink.Path(Latency));
    }

    [Fact]
    public void PendingAlert_FiresOnTheTimerWithoutFurtherReports()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", latency: 40);
        harness.Advance(30);
        harness.Engine.Evaluate();
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Latency, "cdn-a")!.State);
    }

    [Fact]
    public void BlipShorterThanFor_NeverFires()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", latency: 40);
        harness.Advance(20);
        harness.Poll("cdn-a", latency: 5);
        harness.Advance(60);
        harness.Engine.Evaluate();

        Assert.Equal(["Inactive->Pending", "Pending->Inactive"], harness.Sink.Path(Latency));
        Assert.DoesNotContain(harness.Sink.Notified(), t => t.Alert.Rule == Latency);
        Assert.Null(harness.AlertOf(Latency, "cdn-a"));
    }

    [Fact]
    public void FiringAlert_ResolvesOnlyAfterBeingClearForClearFor()
    {
        using var harness = new EngineHarness();
        FireStale(harness);

        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        harness.Advance(17);
        harness.Engine.Evaluate();
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Stale, "cdn-a")!.State);

        // A relapse restarts the clear clock.
        harness.Poll("cdn-a", age: 12);
        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        harness.Advance(29);
        harness.Poll("cdn-a", age: 2);
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Stale, "cdn-a")!.State);

        harness.Advance(1);
        harness.Engine.Evaluate();
        var alert = harness.AlertOf(Stale, "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Resolved, alert.State);
        Assert.Equal(harness.Time.GetUtcNow(), alert.EndsAt);
    }

    [Fact]
    public void FiringAlert_NeedsClearAfterReportsGoodReportsInARow()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = Stale, ClearFor = TimeSpan.Zero, ClearAfterReports = 3 }));
        FireStale(harness);

        harness.Poll("cdn-a", age: 2);
        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        harness.Advance(60);
        harness.Engine.Evaluate();
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Stale, "cdn-a")!.State);

        harness.Poll("cdn-a", age: 2);
        Assert.Equal(AlertLifecycleState.Resolved, harness.AlertOf(Stale, "cdn-a")!.State);
    }

    [Fact]
    public void AlertRefiringWithinFlapWindow_IsMarkedFlappingAndStaysFiringThroughTheNextBounce()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = Stale, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 }));
        harness.Poll("cdn-a", age: 12);
        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        Assert.Equal(AlertLifecycleState.Resolved, harness.AlertOf(Stale, "cdn-a")!.State);
        var fingerprint = harness.AlertOf(Stale, "cdn-a")!.Fingerprint;

        harness.Advance(60);
        harness.Poll("cdn-a", age: 12);
        var refired = harness.AlertOf(Stale, "cdn-a")!;
        Assert.Equal(AlertLifecycleState.Firing, refired.State);
        Assert.True(refired.Flapping);
        Assert.Equal(1, refired.FlapCount);
        Assert.Equal(fingerprint, refired.Fingerprint);

        // Flapping: a good poll no longer resolves it; only the whole flap window clear does.
        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        harness.Advance(6);
        harness.Poll("cdn-a", age: 12);
        harness.Advance(6);
        harness.Poll("cdn-a", age: 2);
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Stale, "cdn-a")!.State);
        var notifiedBeforeQuiet = harness.Sink.Notified().Count;

        harness.Advance(harness.Options.FlapWindow.TotalSeconds);
        harness.Engine.Evaluate();
        Assert.Equal(AlertLifecycleState.Resolved, harness.AlertOf(Stale, "cdn-a")!.State);
        Assert.Equal(3, notifiedBeforeQuiet); // firing, resolved, firing (flapping) — not one pair per bounce
    }

    [Fact]
    public void AlertRefiringAfterFlapWindow_IsNotFlapping()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = Stale, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero }));
        harness.Poll("cdn-a", age: 12);
        harness.Poll("cdn-a", age: 2);
        harness.Advance(harness.Options.FlapWindow.TotalSeconds + 1);
        harness.Poll("cdn-a", age: 12);

        Assert.False(harness.AlertOf(Stale, "cdn-a")!.Flapping);
    }

    [Fact]
    public void AlertsOfOneStream_ShareOneIncidentClosedWhenTheLastResolves()
    {
        using var harness = new EngineHarness(rules =>
        {
            rules.Rules.Add(new RuleSettings { Name = Stale, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 });
            rules.Rules.Add(new RuleSettings { Name = Latency, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero });
        });
        harness.Poll("cdn-a", age: 12, latency: 40);
        var stale = harness.AlertOf(Stale, "cdn-a")!;
        var latency = harness.AlertOf(Latency, "cdn-a")!;
        Assert.NotNull(stale.IncidentId);
        Assert.Equal(stale.IncidentId, latency.IncidentId);
        Assert.Single(harness.Sink.Incidents);

        harness.Poll("cdn-a", age: 2, latency: 40);
        Assert.Single(harness.Sink.Incidents);
        harness.Poll("cdn-a", age: 2, latency: 5);

        Assert.Equal(2, harness.Sink.Incidents.Count);
        Assert.Equal(stale.IncidentId, harness.Sink.Incidents[1].Id);
        Assert.Equal(harness.Time.GetUtcNow(), harness.Sink.Incidents[1].ClosedAt);
    }

    [Fact]
    public void ManifestStaleSummary_QuotesAgeAndTargetDuration()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", age: 9.1);
        harness.Advance(10);
        harness.Poll("cdn-a", age: 19.1);

        var firing = harness.Sink.Notified()[0];
        Assert.Equal("cdn-a has served the same 720p playlist for 19.1 s (target duration 6 s)", firing.Alert.Summary);
        Assert.Equal("final-hindi", firing.Alert.Stream);
        Assert.Equal("720p", firing.Alert.Rendition);
    }

    [Fact]
    public void ResolvedSummary_QuotesTheLastFiringValueAndHowLongItFired()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", age: 9.1);
        harness.Advance(10);
        harness.Poll("cdn-a", age: 19.1);
        harness.Advance(60);
        harness.Poll("cdn-a", age: 79.1);
        for (var i = 0; i < 4; i++)
        {
            harness.Advance(20);
            harness.Poll("cdn-a", age: 0);
        }

        var notified = harness.Sink.Notified().Where(t => t.Alert.Rule == Stale && t.Alert.Cdn == "cdn-a").ToList();
        Assert.Equal(2, notified.Count);
        var resolved = notified[1].Alert;
        Assert.Equal(AlertLifecycleState.Resolved, resolved.State);
        var lasted = resolved.EndsAt!.Value - resolved.StartsAt!.Value;
        Assert.True(lasted >= TimeSpan.FromMinutes(1), $"fired for {lasted}");
        Assert.Equal(
            $"cdn-a has served the same 720p playlist for 79.1 s (target duration 6 s); resolved after {(int)lasted.TotalMinutes} min {lasted.Seconds} s",
            resolved.Summary);
    }

    [Fact]
    public void Acknowledge_MarksAFiringAlertAckedUntilItResolves()
    {
        using var harness = new EngineHarness(rules => rules.Rules.Add(new RuleSettings { Name = Stale, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 }));
        harness.Poll("cdn-a", age: 12);
        var fingerprint = harness.AlertOf(Stale, "cdn-a")!.Fingerprint;

        Assert.True(harness.Engine.Acknowledge(fingerprint, "asha", "failing over to cdn-b"));
        var acked = harness.Engine.GetAlert(fingerprint)!;
        Assert.Equal("asha", acked.Acknowledgement!.By);
        Assert.Equal(harness.Time.GetUtcNow(), acked.Acknowledgement.At);
        Assert.Equal(AlertLifecycleState.Firing, acked.State);

        harness.Poll("cdn-a", age: 2);
        Assert.Null(harness.Engine.GetAlert(fingerprint)!.Acknowledgement);
        Assert.False(harness.Engine.Acknowledge(fingerprint, "asha"));
        Assert.False(harness.Engine.Acknowledge("0000000000000000", "asha"));
    }

    private static void FireStale(EngineHarness harness)
    {
        harness.Poll("cdn-a", age: 12);
        harness.Advance(10);
        harness.Poll("cdn-a", age: 22);
        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf(Stale, "cdn-a")!.State);
    }
}
