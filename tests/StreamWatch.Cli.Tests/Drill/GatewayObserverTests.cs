using StreamWatch.Cli.Drill;

namespace StreamWatch.Cli.Tests.Drill;

/// <summary>How successive gateway polls become timeline lines and summary facts (polls applied directly, clock supplied).</summary>
public sealed class GatewayObserverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_PendingFiringResolved_CountsOnlyAlertsOfTheTargetThatStartAfterInjection()
    {
        var (observer, observation, output) = Create();
        var before = Alert("old", "firing", cdn: "cdn-a", rendition: "480p");
        observer.Apply(Poll("operational", [before]), T0);
        observer.Baseline(T0);
        observation.Injected(T0.AddSeconds(1), "injected");

        observer.Apply(Poll("operational", [before, Alert("new", "pending")]), T0.AddSeconds(3));
        observer.Apply(Poll("degraded", [before, Alert("new", "firing"), Alert("other-cdn", "firing", cdn: "cdn-b")]), T0.AddSeconds(5));
        Assert.False(observer.Settled);
        observation.Cleared(T0.AddSeconds(8), "cleared");
        observer.Apply(Poll("degraded", [Alert("other-cdn", "firing", cdn: "cdn-b")]), T0.AddSeconds(20));
        observer.Apply(Poll("operational", []), T0.AddSeconds(21));

        Assert.Equal(T0.AddSeconds(3), observer.PendingAt);
        Assert.Equal(T0.AddSeconds(5), observer.FiringAt);
        Assert.Equal("new", observer.FiringAlert!.Fingerprint);
        Assert.Equal(T0.AddSeconds(5), observer.DegradedAt);
        Assert.Equal(T0.AddSeconds(20), observer.ResolvedAt);
        Assert.Equal(T0.AddSeconds(21), observer.OperationalAt);
        Assert.True(observer.Settled);
        Assert.Equal(
            ["gateway-baseline", "injected", "alert-pending", "alert-firing", "alert-firing", "status", "cleared", "alert-resolved", "alert-resolved", "alert-resolved", "status"],
            output.Events.Select(e => Output.DrillJsonlOutput.EventName(e.Kind)));
        Assert.Contains("already active, not counted: ManifestStale (critical, cdn-a 480p)", output.Events[0].Detail, StringComparison.Ordinal);
        Assert.False(output.Events.Single(e => e.Kind == DrillEventKind.AlertFiring && e.Cdn == "cdn-b").Targeted);
    }

    [Fact]
    public void Apply_FailedPolls_AreOneLinePerDistinctReasonAndChangeNothing()
    {
        var (observer, observation, output) = Create();
        observer.Apply(Poll("operational", []), T0);
        observer.Baseline(T0);
        observation.Injected(T0, "injected");

        observer.Apply(new GatewayPoll(null, null, "HTTP 503"), T0.AddSeconds(1));
        observer.Apply(new GatewayPoll(null, null, "HTTP 503"), T0.AddSeconds(2));
        observer.Apply(new GatewayPoll(null, null, "timeout"), T0.AddSeconds(3));

        Assert.Equal(2, output.Events.Count(e => e.Kind == DrillEventKind.GatewayError));
        Assert.Equal("timeout", observer.Failure);
        Assert.Null(observer.FiringAt);
    }

    private static (GatewayObserver Observer, DrillObservation Observation, RecordingOutput Output) Create()
    {
        var plan = new DrillPlan(new Uri("http://lab/"), "stale", "stream-1", "cdn-a", null, TimeSpan.FromSeconds(10), [], new Uri("http://lab/cdn-a/stream-1/master.m3u8"), "cdn-b", null);
        var output = new RecordingOutput();
        var observation = new DrillObservation("cdn-a", null, output);
#pragma warning disable CA2000 // Never sends a request: polls are applied directly.
        var observer = new GatewayObserver(new GatewayClient(new Uri("http://127.0.0.1:9/"), StreamWatch.Cli.Fetching.FetchOptions.Default), plan, observation, TimeProvider.System);
#pragma warning restore CA2000
        return (observer, observation, output);
    }

    private static GatewayPoll Poll(string state, GatewayAlert[] alerts)
        => new(new GatewayStatus(true, state, new Dictionary<string, string>(), alerts, ["stream-1"]), [.. alerts.Where(a => a.State == "firing")], null);

    private static GatewayAlert Alert(string fingerprint, string state, string cdn = "cdn-a", string rendition = "720p")
        => new(fingerprint, "ManifestStale", "critical", "stream-1", cdn, rendition, state, T0, null, null);

    private sealed class RecordingOutput : IDrillOutput
    {
        public List<DrillEvent> Events { get; } = [];

        public void Started(DrillPlan plan)
        {
        }

        public void Event(DrillEvent drillEvent) => Events.Add(drillEvent);

        public void Summary(DrillSummary summary)
        {
        }
    }
}
