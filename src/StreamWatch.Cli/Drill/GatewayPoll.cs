namespace StreamWatch.Cli.Drill;

/// <summary>One poll of the gateway: the stream's status and the firing alerts, or the reason it failed.</summary>
/// <param name="Status">The drilled stream on <c>GET /api/v1/status</c>; null when the poll failed.</param>
/// <param name="Firing">Every alert of <c>GET /api/v1/alerts?state=firing</c>; null when the poll failed.</param>
/// <param name="Failure">Why the poll failed, for people; null on success.</param>
internal sealed record GatewayPoll(GatewayStatus? Status, IReadOnlyList<GatewayAlert>? Firing, string? Failure);
