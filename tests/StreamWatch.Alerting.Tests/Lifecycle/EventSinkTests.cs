using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class EventSinkTests
{
    [Fact]
    public void FailingSink_DoesNotStopOtherSinksOrTheEngine()
    {
        using var harness = new EngineHarness(firstSink: new ThrowingSink());

        harness.Poll("cdn-a", liveErrors: "LIVE-MEDIA-SEQUENCE-REGRESSED");

        Assert.Equal(AlertLifecycleState.Firing, harness.AlertOf("SequenceError", "cdn-a")!.State);
        Assert.Contains(harness.Sink.Transitions, t => t.To == AlertLifecycleState.Firing);
        Assert.Single(harness.Sink.Incidents);
    }

    private sealed class ThrowingSink : IAlertEventSink
    {
        public void OnTransition(AlertTransition transition) => throw new InvalidOperationException("store down");

        public void OnIncident(Incident incident) => throw new InvalidOperationException("store down");
    }
}
