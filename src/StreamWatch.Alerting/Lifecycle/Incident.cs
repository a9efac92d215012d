namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// The alerts of one stream grouped: opened when the first alert of the stream fires, closed when
/// the last firing one resolves.
/// </summary>
/// <param name="Id">Unique, time-ordered id (UUID v7, 32 hex digits).</param>
/// <param name="Stream">Stream id.</param>
/// <param name="OpenedAt">When the first alert fired.</param>
/// <param name="ClosedAt">When the last alert resolved; null while open.</param>
public sealed record Incident(string Id, string Stream, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);
