namespace StreamWatch.Lab.Faults;

/// <summary>A fault as <c>GET /lab/faults</c> shows it: the request as accepted, its id, state and times.</summary>
/// <param name="Id">Id for <c>DELETE /lab/faults/{id}</c>.</param>
/// <param name="State"><c>pending</c> (before startAfter), <c>active</c> or <c>expired</c>.</param>
/// <param name="CreatedAt">When it was posted (Lab clock).</param>
/// <param name="ActiveFrom">When it takes effect.</param>
/// <param name="ExpiresAt">When it stops; null until deleted.</param>
/// <param name="Fault">The request as posted.</param>
public sealed record FaultResource(
    string Id,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ActiveFrom,
    DateTimeOffset? ExpiresAt,
    FaultRequest Fault);
