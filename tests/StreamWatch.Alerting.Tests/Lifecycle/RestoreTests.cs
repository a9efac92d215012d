using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Lifecycle;

/// <summary>The engine's side of restoring stored state (<see cref="IAlertStateRestore"/>), on the manual clock.</summary>
public sealed class RestoreTests
{
    [Fact]
    public void Adopt_StoredFiringAlertUnknownHere_IsFiringWithoutANewFiringAndResolvesOnceClear()
    {
        // What another process stored: ManifestUnavailable firing and notified on cdn-a/720p.
        using var before = new EngineHarness();
        before.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        before.Advance(1);
        before.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        before.Advance(11);
        before.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        var stored = before.AlertOf("ManifestUnavailable", "cdn-a");
        Assert.Equal(AlertLifecycleState.Firing, stored?.State);

        using var after = new EngineHarness();
        var incident = new Incident(stored!.IncidentId!, EngineHarness.StreamId, stored.StartsAt!.Value, ClosedAt: null);
        after.Engine.Adopt(EngineHarness.StreamId, [stored], incident);
        Assert.Equal(AlertLifecycleState.Firing, after.Engine.GetAlert(stored.Fingerprint)?.State);
        Assert.Equal(stored.IncidentId, after.Engine.GetAlert(stored.Fingerprint)?.IncidentId);
        Assert.Empty(after.Sink.Transitions);
        Assert.Equal([incident], after.Sink.Incidents);

        // Clear for clearFor (30 s) and two good polls: resolved once, notified like its firing.
        for (var i = 0; i < 32; i++)
        {
            after.Poll("cdn-a");
            after.Advance(1);
            after.Engine.Evaluate();
        }

        Assert.Equal(["Firing->Resolved"], after.Sink.Path("ManifestUnavailable"));
        Assert.True(after.Sink.Transitions.Single(t => t.Alert.Rule == "ManifestUnavailable").Notify);
    }

    [Fact]
    public void Adopt_FiringHereButNotStored_IsAnnouncedAgain()
    {
        using var harness = new EngineHarness();
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Advance(1);
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Advance(11);
        harness.Poll("cdn-a", outcome: FetchOutcome.HttpError);
        harness.Sink.Transitions.Clear();

        harness.Engine.Adopt(EngineHarness.StreamId, [], openIncident: null);

        var announced = Assert.Single(harness.Sink.Transitions, t => t.Alert.Rule == "ManifestUnavailable");
        Assert.Equal(AlertLifecycleState.Firing, announced.To);
        Assert.True(announced.Notify);
        Assert.NotEmpty(harness.Sink.Incidents);
    }

    [Fact]
    public void SyncSilences_AddsStoredOnesAndDropsRemovedOnes()
    {
        using var harness = new EngineHarness();
        var now = harness.Time.GetUtcNow();
        var local = harness.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a")], now, now.AddHours(1), "me");
        var stored = local with { Id = "stored", CreatedBy = "other" };
        var expired = local with { Id = "expired", EndsAt = now };

        harness.Engine.SyncSilences([stored, expired], new HashSet<string> { local.Id });

        Assert.Equal(["stored"], harness.Engine.GetSilences().Select(s => s.Id));
    }
}
