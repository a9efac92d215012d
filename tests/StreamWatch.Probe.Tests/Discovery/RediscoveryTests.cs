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

        await rig.ClearAsync(fault);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.Contains(await TargetsAsync(rig), t => t.Cdn == "cdn-a" && t.Rendition == "480p");
    }

    private static async Task<List<TargetStatus>> TargetsAsync(ProbeRig rig)
        => (await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken))!;
}
