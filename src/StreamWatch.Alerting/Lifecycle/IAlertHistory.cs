namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Recent alert transitions per stream, newest first, capped per stream
/// (<c>Alerting:HistoryLimit</c>). Backed by Redis in the service; the status API reads it for
/// <c>GET /api/v1/streams/{id}</c>.
/// </summary>
public interface IAlertHistory
{
    /// <summary>Up to <paramref name="limit"/> transitions of <paramref name="stream"/>, newest first.</summary>
    ValueTask<IReadOnlyList<AlertHistoryEntry>> GetRecentAsync(string stream, int limit, CancellationToken cancellationToken);
}

/// <summary>One alert transition as history keeps it.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Fingerprint">Alert fingerprint.</param>
/// <param name="Rule">Rule name.</param>
/// <param name="Severity"><c>critical</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Cdn">CDN; empty for stream-level alerts.</param>
/// <param name="Rendition">Rendition; empty for source- and stream-level alerts.</param>
/// <param name="From">State before (<c>inactive</c>, <c>pending</c>, <c>firing</c>, <c>resolved</c>).</param>
/// <param name="To">State after.</param>
/// <param name="Summary">Rendered summary.</param>
public sealed record AlertHistoryEntry(DateTimeOffset At, string Fingerprint, string Rule, string Severity, string Cdn, string Rendition, string From, string To, string Summary);
