using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Tests.Scheduling;

public sealed class ProbeSchedulerTests
{
    private static readonly string[] Renditions = ["1080p", "720p", "480p", "360p"];

    private static readonly string[] MetricNames =
    [
        "streamwatch_probe_manifest_fetch_seconds_bucket{",
        "streamwatch_probe_segment_fetch_seconds_bucket{",
        "streamwatch_probe_playlist_age_seconds{",
        "streamwatch_probe_live_edge_latency_seconds{",
        "streamwatch_probe_cdn_skew_seconds{",
        "streamwatch_probe_scheduler_lag_seconds_bucket{",
    ];

    [Fact]
    public async Task HealthyLab_PollsEveryRenditionAtTheRfcCadence_WithoutStaleVerdictsOrErrors()
    {
        await using var rig = await ProbeRig.StartAsync();

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 6);

        var manifests = rig.Reports.Where(r => r.ResultCase == ProbeReport.ResultOneofCase.Manifest).Select(r => r.Manifest).ToList();
        var keys = manifests.Select(m => (m.Ref.StreamId, m.Ref.Cdn, m.Ref.RenditionId)).Distinct().ToList();
        var targets = await rig.Probe.GetStringAsync("api/v1/targets", TestContext.Current.CancellationToken);
        Assert.True(keys.Count == 10, $"{rig.Reports.Count} reports; targets: {targets}");
        Assert.All(keys, k => Assert.Equal("stream-1", k.StreamId));
        foreach (var cdn in new[] { "cdn-a", "cdn-b" })
        {
            foreach (var rendition in Renditions)
            {
                Assert.Contains(("stream-1", cdn, rendition), keys);
            }

            Assert.Contains(keys, k => k.Cdn == cdn && k.RenditionId.StartsWith("audio-", StringComparison.Ordinal));
        }

        Assert.All(manifests, m =>
        {
            Assert.Equal(FetchOutcome.Ok, m.Fetch.Outcome);
            Assert.False(m.Stale);
            Assert.DoesNotContain(m.Findings, f => f.Severity == Severity.Error);

            // The Lab publishes a segment when it ends: the newest one ends at most one target duration before now;
            // the CDNs poll at different phases, so one may have seen one segment more.
            Assert.InRange(m.LiveEdgeLatency.ToTimeSpan(), TimeSpan.Zero, ProbeRig.TargetDuration);
            Assert.InRange(m.CdnSkew.ToTimeSpan(), TimeSpan.Zero, ProbeRig.TargetDuration);
        });

        foreach (var key in keys)
        {
            var polls = rig.Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == key.Cdn && m.Ref.RenditionId == key.RenditionId).ToList();
            Assert.True(polls.Count >= 5, $"{key}: {polls.Count} polls in 12 s");
            var early = 0;
            for (var i = 1; i < polls.Count; i++)
            {
                // RFC 8216bis 6.3.4: one target duration after a changed reload, half of one after an unchanged one;
                // or sooner, at most 100 ms after the previous poll, for the few early reloads that learn when the Lab
                // publishes (ChangeEstimate.Probe) or judge staleness at its deadline.
                var changed = i == 1 || polls[i - 1].Manifest.MediaSequence != polls[i - 2].Manifest.MediaSequence;
                var expected = changed ? ProbeRig.TargetDuration : ProbeRig.TargetDuration / 2;
                var actual = polls[i].ObservedAt.ToDateTimeOffset() - polls[i - 1].ObservedAt.ToDateTimeOffset();
                Assert.InRange(actual, TimeSpan.FromMilliseconds(100), expected);
                early += actual < expected ? 1 : 0;
            }

            Assert.True(early <= 2, $"{key}: {early} early reloads in 12 s");
        }

        var metrics = await rig.Probe.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        foreach (var name in MetricNames)
        {
            Assert.Contains($"\n{name}", metrics, StringComparison.Ordinal);
        }

        var segments = rig.Reports.Where(r => r.ResultCase == ProbeReport.ResultOneofCase.Segment).Select(r => r.Segment).ToList();
        Assert.NotEmpty(segments);
        Assert.All(segments, s =>
        {
            Assert.Equal(FetchOutcome.Ok, s.Fetch.Outcome);
            Assert.True(s.Fetch.BodyBytes > 0);
        });
    }
}
