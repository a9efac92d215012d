using System.Text;
using StreamWatch.Cli.Drill;

namespace StreamWatch.Cli.Tests.Drill;

/// <summary>The drill reads the gateway's and webhooks' JSON tolerantly: the shapes of CONTRACTS.md, plus fields it does not know.</summary>
public sealed class GatewayJsonTests
{
    [Fact]
    public void ParseStatus_ContractShapeWithUnknownFields_FindsTheStreamItsCdnStatesAndAlerts()
    {
        const string json = """
            {"generatedAt":"2026-11-21T20:00:00Z","streams":[
              {"id":"stream-2","state":"operational","cdns":[]},
              {"id":"stream-1","name":"One","state":"Degraded","uptime":0.99,
               "cdns":[{"cdn":"cdn-a","state":"degraded","renditions":[{"id":"720p"}]},{"cdn":"cdn-b","state":"operational"}],
               "alerts":[{"fingerprint":"f1","rule":"ManifestStale","severity":"critical","cdn":"cdn-a","rendition":"720p","state":"firing",
                          "startsAt":"2026-11-21T20:00:03Z","endsAt":null,"summary":"frozen","labels":{"x":"y"}}]}]}
            """;

        var status = GatewayJson.ParseStatus(Encoding.UTF8.GetBytes(json), "stream-1");

        Assert.True(status.Found);
        Assert.Equal("degraded", status.State);
        Assert.Equal("degraded", status.CdnStates["cdn-a"]);
        Assert.Equal("operational", status.CdnStates["cdn-b"]);
        var alert = Assert.Single(status.Alerts);
        Assert.Equal(("f1", "ManifestStale", "stream-1", "cdn-a", "firing"), (alert.Fingerprint, alert.Rule, alert.Stream, alert.Cdn, alert.State));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 20, 0, 3, TimeSpan.Zero), alert.StartsAt);
        Assert.Equal(["stream-2", "stream-1"], status.Streams);
    }

    [Theory]
    [InlineData("""[{"id":"stream-1","state":"outage","cdns":{"cdn-a":"outage"}}]""", "outage")]
    [InlineData("""{"streams":[{"Id":"stream-1","State":"outage","Cdns":{"cdn-a":{"state":"outage"}}}]}""", "outage")]
    [InlineData("""{"streams":[{"id":"stream-1","status":"outage","sources":[{"name":"cdn-a","status":"outage"}]}]}""", "outage")]
    public void ParseStatus_OtherPlausibleShapes_AreReadToo(string json, string expected)
    {
        var status = GatewayJson.ParseStatus(Encoding.UTF8.GetBytes(json), "stream-1");

        Assert.Equal(expected, status.State);
        Assert.Equal(expected, status.CdnStates["cdn-a"]);
    }

    [Fact]
    public void ParseStatus_StreamNotListed_IsNotFoundWithTheListedIds()
    {
        var status = GatewayJson.ParseStatus("""{"streams":[{"id":"final-hindi","state":"operational"}]}"""u8, "stream-1");

        Assert.False(status.Found);
        Assert.Equal(["final-hindi"], status.Streams);
    }

    [Theory]
    [InlineData("""[{"fingerprint":"f1","rule":"ManifestStale","stream":"stream-1","cdn":"cdn-a","state":"firing"}]""")]
    [InlineData("""{"alerts":[{"fingerprint":"f1","rule":"ManifestStale","stream":"stream-1","cdn":"cdn-a","state":"firing","extra":[1,2]}],"total":1}""")]
    [InlineData("""{"items":[{"fingerprint":"f1","rule":"ManifestStale","stream":"stream-1","cdn":"cdn-a","state":"FIRING"}]}""")]
    public void ParseAlerts_BareOrWrappedList_ReadsTheAlert(string json)
    {
        var alert = Assert.Single(GatewayJson.ParseAlerts(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(("f1", "ManifestStale", "stream-1", "cdn-a", "firing"), (alert.Fingerprint, alert.Rule, alert.Stream, alert.Cdn, alert.State));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"status":"ok"}""")]
    [InlineData("42")]
    public void ParseAlerts_NotAnAlertList_ThrowsJsonException(string json)
        => Assert.ThrowsAny<System.Text.Json.JsonException>(() => GatewayJson.ParseAlerts(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ParseWebhook_ContractPayload_ReadsEventAlertAndRecommendation()
    {
        const string json = """
            {"id":"d-1","event":"firing","alert":{"fingerprint":"f1","rule":"ManifestStale","severity":"critical","stream":"final-hindi","cdn":"cdn-a",
             "rendition":"720p","startsAt":"2026-11-21T20:00:03Z","endsAt":null,"summary":"s","evidence":{"findings":[],"headers":{"Age":"12"}}},
             "recommendation":{"action":"failover","from":"cdn-a","to":"cdn-b","reason":"r"}}
            """;

        var (id, eventName, alert, recommendation) = GatewayJson.ParseWebhook(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("d-1", "firing"), (id, eventName));
        Assert.Equal("final-hindi", alert!.Stream);
        Assert.Equal("failover cdn-a -> cdn-b", recommendation!.Describe());
    }
}
