using System.Net.Http.Json;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Tests.Apis;

public sealed class TargetsApiTests
{
    [Fact]
    public async Task GetTargets_ListsEveryRenditionWithItsState()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration);

        var targets = await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken);

        Assert.NotNull(targets);
        Assert.Equal(10, targets.Count);
        Assert.Equal(5, targets.Count(t => t.Cdn == "cdn-a"));
        var hd = Assert.Single(targets, t => t.Cdn == "cdn-b" && t.Rendition == "720p");
        Assert.Equal("stream-1", hd.Stream);
        Assert.Equal("ok", hd.Outcome);
        Assert.EndsWith("/cdn-b/stream-1/720p/index.m3u8", hd.Url, StringComparison.Ordinal);
        Assert.NotNull(hd.MediaSequence);
        Assert.False(hd.Stale);
        Assert.True(hd.NextPoll > hd.LastPoll);
    }
}
