using StreamWatch.Gateway.StatusPage;

namespace StreamWatch.Gateway.Tests.StatusPage;

public sealed class StatusWordingTests
{
    [Fact]
    public void Operational_stream_is_all_good() => Assert.Equal("All good", StatusWording.Headline(Stream("operational", ("cdn-a", "operational"))));

    [Fact]
    public void Degraded_stream_names_what_viewers_on_each_cdn_see()
        => Assert.Equal(
            "Viewers on cdn-b may see buffering; Viewers on cdn-c cannot play",
            StatusWording.Headline(Stream("degraded", ("cdn-a", "operational"), ("cdn-b", "degraded"), ("cdn-c", "outage"))));

    [Fact]
    public void Outage_everywhere_is_off_air_and_names_the_origin_when_attributed()
    {
        Assert.Equal("Off air on every CDN", StatusWording.Headline(Stream("outage", ("cdn-a", "outage"))));
        var origin = Stream("outage", ("cdn-a", "outage")) with
        {
            Alerts = [new UpstreamAlert("f", "ManifestStale", "critical", "firing", "s", "", "", "stale", "origin", null)],
        };
        Assert.Equal("Off air on every CDN: the problem is at the source (origin or encoder)", StatusWording.Headline(origin));
    }

    [Fact]
    public void Degraded_by_an_origin_fault_says_the_source_not_the_cdns_is_at_fault()
    {
        var stream = Stream("degraded", ("cdn-a", "degraded")) with
        {
            Alerts = [new UpstreamAlert("f", "ManifestStale", "critical", "firing", "s", "", "", "stale", "origin", null)],
        };
        Assert.Equal("Viewers on cdn-a may see buffering; the problem is at the source (origin or encoder), not the CDNs", StatusWording.Headline(stream));
    }

    [Fact]
    public void No_data_is_said_so() => Assert.StartsWith("No recent data", StatusWording.Headline(Stream("unknown")), StringComparison.Ordinal);

    private static UpstreamStream Stream(string state, params (string Cdn, string State)[] cdns)
        => new("s", "S", state, [.. cdns.Select(c => new UpstreamCdn(c.Cdn, c.State, 1))], [], null, DateTimeOffset.UnixEpoch);
}
