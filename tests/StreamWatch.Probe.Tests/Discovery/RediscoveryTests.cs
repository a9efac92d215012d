using System.Net.Http.Json;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Tests.Discovery;

public sealed class RediscoveryTests
{
    [Fact]
    public async Task RenditionDroppedFromTheMultivariant_StopsBeingPolledAtTheNextDiscovery_AndReturnsWhenRestored()
    {
        await using var rig = await ProbeRig.StartAsync("--Probe:DiscoveryInterval=00:00:04");
        var fault = await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "drop-rendition", rendition = "480p" });

        await rig.AdvanceAsync(TimeSpan.FromSeconds(4));

        var targets = await TargetsAsync(rig);
        Assert.DoesNotContain(targets, t => t.Cdn == "cdn-a" && t.Rendition == "480p");
        Assert.Contains(targets, t => t.Cdn == "cdn-b" && t.Rendition == "480p");
        Assert.Equal(9, targets.Count);

        // Its gauges left /metrics with it; the other CDN's stay.
        var metrics = await rig.Probe.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        var ages = metrics.Split('\n').Where(l => l.StartsWith("streamwatch_probe_playlist_age_seconds{", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(ages, l => l.Contains("cdn=\"cdn-a\"", StringComparison.Ordinal) && l.Contains("rendition=\"480p\"", StringComparison.Ordinal));
        Assert.Contains(ages, l => l.Contains("cdn=\"cdn-b\"", StringComparison.Ordinal) && l.Contains("rendition=\"480p\"", StringComparison.Ordinal));
        Assert.Equal(9, ages.Count);

        await rig.ClearAsync(fault);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.Contains(await TargetsAsync(rig), t => t.Cdn == "cdn-a" && t.Rendition == "480p");
    }

    private static async Task<List<TargetStatus>> TargetsAsync(ProbeRig rig)
        => (await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken))!;
}
