using System.Net.Http.Json;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Tests.Measurement;

public sealed class AdaptiveDepthTests
{
    private const string Rendition = "720p";

    [Fact]
    public async Task HealthyRenditionsRunManifestOnly_ATroubledOneSamplesSegmentsForTheEscalationPeriod_ThenStops()
    {
        await using var rig = await ProbeRig.StartAsync("--Probe:AdaptiveDepth=true", "--Probe:EscalationPeriod=00:00:06");
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);
        Assert.DoesNotContain(rig.Reports, r => r.Segment is not null);
        Assert.All(await TargetsAsync(rig), t => Assert.Equal("manifest", t.Depth));

        // Three seconds of 503s on cdn-a's manifests: trouble.
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 503, target = "manifest", duration = "3s" });
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        var segments = Segments(rig, "cdn-a");
        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.Equal(Contracts.V1.FetchOutcome.Ok, s.Fetch.Outcome));
        Assert.Empty(Segments(rig, "cdn-b"));
        var targets = await TargetsAsync(rig);
        Assert.Equal("segments", targets.Single(t => t.Cdn == "cdn-a" && t.Rendition == Rendition).Depth);
        Assert.NotNull(targets.Single(t => t.Cdn == "cdn-a" && t.Rendition == Rendition).EscalatedUntil);
        Assert.Equal("manifest", targets.Single(t => t.Cdn == "cdn-b" && t.Rendition == Rendition).Depth);

        // Six seconds after the last trouble the rendition is back to manifest-only.
        await rig.AdvanceAsync(TimeSpan.FromSeconds(6));
        var settled = Segments(rig, "cdn-a").Count;
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);
        Assert.Equal(settled, Segments(rig, "cdn-a").Count);
        Assert.Equal("manifest", (await TargetsAsync(rig)).Single(t => t.Cdn == "cdn-a" && t.Rendition == Rendition).Depth);
    }

    private static List<Contracts.V1.SegmentResult> Segments(ProbeRig rig, string cdn)
        => rig.Reports.Where(r => r.Segment is { } s && s.Ref.Cdn == cdn && s.Ref.RenditionId == Rendition).Select(r => r.Segment).ToList();

    private static async Task<List<TargetStatus>> TargetsAsync(ProbeRig rig)
        => (await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken))!;
}
