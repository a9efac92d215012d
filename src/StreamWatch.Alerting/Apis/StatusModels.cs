using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

// The wire shapes of the status API (camelCase JSON through StatusJsonContext). They are kept
// together because they are one contract: the gateway's status page reads the same fields.

/// <summary><c>GET /api/v1/status</c> and the event stream's <c>snapshot</c> event.</summary>
internal sealed record StatusResponse(DateTimeOffset UpdatedAt, IReadOnlyList<StreamStatus> Streams);

/// <summary>One stream: <c>state</c> is operational, degraded, outage or unknown.</summary>
internal sealed record StreamStatus(
    string Id,
    string Name,
    string State,
    IReadOnlyList<CdnStatus> Cdns,
    IReadOnlyList<AlertView> Alerts,
    IncidentView? Incident,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The polled origin source (evidence for attribution, never one of <see cref="Cdns"/>); null when none reported.</summary>
    public CdnStatus? Origin { get; init; }
}

/// <summary>The stream on one CDN, with its health score (0..1) and renditions.</summary>
internal sealed record CdnStatus(string Cdn, string State, double Score, IReadOnlyList<RenditionStatus> Renditions);

/// <summary>One rendition on one CDN; <c>rendition</c> is empty for the multivariant playlist / MPD.</summary>
internal sealed record RenditionStatus(string Rendition, string State, double Score);

/// <summary>An alert as the API shows it.</summary>
internal sealed record AlertView(
    string Fingerprint,
    string Rule,
    string Severity,
    string State,
    string Stream,
    string Cdn,
    string Rendition,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? ActiveSince,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string Summary,
    double Value,
    bool Flapping,
    string Suppression,
    string? Attribution,
    string? IncidentId,
    AcknowledgementView? Acknowledgement)
{
    /// <summary>What the polled origin showed for the alert's rule: <c>faulty</c>, <c>healthy</c> or null.</summary>
    public string? OriginState { get; init; }
}

/// <summary>Who acknowledged an alert, when, and why.</summary>
internal sealed record AcknowledgementView(string By, DateTimeOffset At, string Comment);

/// <summary>The open incident of a stream: what is affected (CDN names, or <c>origin</c>/<c>stream</c> for stream-level alerts) and the firing alerts' summaries.</summary>
internal sealed record IncidentView(string Id, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string Stream, IReadOnlyList<string> Affected, IReadOnlyList<string> Summaries);

/// <summary><c>GET /api/v1/streams/{id}</c>: the stream plus recent alert history, newest first.</summary>
internal sealed record StreamDetail(
    string Id,
    string Name,
    string State,
    IReadOnlyList<CdnStatus> Cdns,
    IReadOnlyList<AlertView> Alerts,
    IncidentView? Incident,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<AlertHistoryEntry> History);

/// <summary><c>GET /api/v1/alerts</c>.</summary>
internal sealed record AlertList(IReadOnlyList<AlertView> Alerts);

/// <summary>The event stream's <c>alert</c> event: one lifecycle transition.</summary>
internal sealed record AlertChange(string From, string To, DateTimeOffset At, AlertView Alert);

/// <summary>A label matcher: label <c>name</c> equals <c>value</c>.</summary>
internal sealed record MatcherView(string? Name, string? Value);

/// <summary><c>POST /api/v1/silences</c> body; <c>startsAt</c> defaults to now.</summary>
internal sealed record SilenceRequest(IReadOnlyList<MatcherView>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? CreatedBy, string? Comment);

/// <summary>A silence.</summary>
internal sealed record SilenceView(string Id, IReadOnlyList<MatcherView> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);

/// <summary><c>GET /api/v1/silences</c>.</summary>
internal sealed record SilenceList(IReadOnlyList<SilenceView> Silences);

/// <summary><c>POST /api/v1/alerts/{fingerprint}/ack</c> body.</summary>
internal sealed record AckRequest(string? By, string? Comment);
