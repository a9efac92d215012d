namespace StreamWatch.Gateway.StatusPage;

// What the page reads of alerting's status API (GET /api/v1/status, /api/v1/streams/{id},
// /api/v1/events), and what it sends browsers. Unknown fields are ignored, so alerting may add some.

/// <summary>alerting's <c>snapshot</c> event and <c>GET /api/v1/status</c>.</summary>
internal sealed record UpstreamStatus(DateTimeOffset UpdatedAt, IReadOnlyList<UpstreamStream>? Streams);

/// <summary>One stream; alerting's <c>stream</c> event.</summary>
internal sealed record UpstreamStream(string Id, string? Name, string? State, IReadOnlyList<UpstreamCdn>? Cdns, IReadOnlyList<UpstreamAlert>? Alerts, UpstreamIncident? Incident, DateTimeOffset UpdatedAt);

/// <summary>The stream on one CDN.</summary>
internal sealed record UpstreamCdn(string Cdn, string? State, double Score);

/// <summary>An alert.</summary>
internal sealed record UpstreamAlert(string Fingerprint, string? Rule, string? Severity, string? State, string? Stream, string? Cdn, string? Rendition, string? Summary, string? Attribution, DateTimeOffset? StartsAt);

/// <summary>The open incident of a stream.</summary>
internal sealed record UpstreamIncident(string Id, DateTimeOffset OpenedAt, IReadOnlyList<string>? Affected, IReadOnlyList<string>? Summaries);

/// <summary>alerting's <c>GET /api/v1/streams/{id}</c>, the part the page needs.</summary>
internal sealed record UpstreamStreamDetail(string Id, IReadOnlyList<UpstreamHistoryEntry>? History);

/// <summary>One alert transition of the history.</summary>
internal sealed record UpstreamHistoryEntry(DateTimeOffset At, string Fingerprint, string? Severity, string? From, string? To);

/// <summary>alerting's <c>alert</c> event.</summary>
internal sealed record UpstreamAlertChange(string? From, string? To, DateTimeOffset At, UpstreamAlert? Alert);

/// <summary>To browsers, event <c>snapshot</c>: the whole page body.</summary>
internal sealed record PageSnapshot(string Updated, string UpdatedIso, bool Live, string StreamsHtml, string IncidentsHtml);

/// <summary>To browsers, event <c>card</c>: one stream's card replaced, the incidents list, and what to announce.</summary>
internal sealed record PageCard(string Id, string Html, string IncidentsHtml, string Updated, string UpdatedIso, string Announce);

/// <summary>To browsers, event <c>connection</c>: whether the gateway currently hears from alerting.</summary>
internal sealed record PageConnection(bool Live);
