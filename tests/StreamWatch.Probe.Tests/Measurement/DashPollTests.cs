using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Tests.Measurement;

public sealed class DashPollTests
{
    [Fact]
    public async Task DashSource_IsPolledByMinimumUpdatePeriod_WithLiveEdgeLatency()
    {
        await using var rig = await ProbeRig.StartWatchingAsync("manifest.mpd");

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 4);

        var polls = rig.Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == "cdn-a").ToList();
        Assert.True(polls.Count >= 3, $"{polls.Count} MPD polls");
        Assert.All(polls, r =>
        {
            Assert.Equal(FetchOutcome.Ok, r.Manifest.Fetch.Outcome);
            Assert.Equal(string.Empty, r.Manifest.Ref.RenditionId);
            Assert.False(r.Manifest.Stale);
            Assert.NotNull(r.Manifest.LiveEdgeLatency);
        });
        for (var i = 1; i < polls.Count; i++)
        {
            // The Lab's MPD says minimumUpdatePeriod="PT2S".
            Assert.Equal(TimeSpan.FromSeconds(2), polls[i].ObservedAt.ToDateTimeOffset() - polls[i - 1].ObservedAt.ToDateTimeOffset());
        }
    }
}
