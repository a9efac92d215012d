namespace StreamWatch.Cli.Drill;

/// <summary>What <c>GET /api/v1/status</c> says about one stream.</summary>
/// <param name="Found">Whether the status lists the stream at all.</param>
/// <param name="State">The stream's state (<c>operational</c>, <c>degraded</c>, <c>outage</c>, <c>unknown</c>), lower-cased.</param>
/// <param name="CdnStates">Per-CDN states, by CDN name.</param>
/// <param name="Alerts">The stream's active alerts as the status lists them.</param>
/// <param name="Streams">Every stream id the status lists, for messages.</param>
internal sealed record GatewayStatus(
    bool Found,
    string? State,
    IReadOnlyDictionary<string, string> CdnStates,
    IReadOnlyList<GatewayAlert> Alerts,
    IReadOnlyList<string> Streams);
