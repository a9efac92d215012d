namespace StreamWatch.Probe.Tests.Measurement;

public sealed class RenditionLabelTests
{
    [Fact]
    public async Task RenditionLabelOff_PerRenditionMetricsCollapseToOneSeriesPerStreamAndCdn()
    {
        await using var rig = await ProbeRig.StartAsync("--Probe:RenditionLabel=false");
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        var metrics = await rig.Probe.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        string[] names = ["streamwatch_probe_playlist_age_seconds{", "streamwatch_probe_live_edge_latency_seconds{", "streamwatch_probe_manifest_fetch_seconds_count{"];
        foreach (var name in names)
        {
            var lines = metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)).ToList();

            // Two CDNs of one stream, all results ok: two series, whatever the number of renditions (5 per CDN).
            Assert.True(lines.Count == 2, $"{name}: {string.Join(" | ", lines)}");
            Assert.All(lines, l => Assert.DoesNotContain("rendition=", l, StringComparison.Ordinal));
        }

        // The API still shows every rendition.
        var targets = await rig.Probe.GetStringAsync("api/v1/targets", TestContext.Current.CancellationToken);
        Assert.Contains("\"rendition\":\"720p\"", targets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenditionLabelOn_ByDefault_OneSeriesPerRendition()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);

        var metrics = await rig.Probe.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        var lines = metrics.Split('\n').Where(l => l.StartsWith("streamwatch_probe_playlist_age_seconds{", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, lines.Count);
        Assert.All(lines, l => Assert.Contains("rendition=", l, StringComparison.Ordinal));
    }
}
