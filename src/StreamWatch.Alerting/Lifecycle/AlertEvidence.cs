namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// What the probe saw when an alert changed: the error findings of the last report of the alert's
/// rendition (or of every rendition of its source or stream) and the CDN evidence headers of that
/// fetch, so a receiver can tell a CDN cache fault (high <c>Age</c>, <c>X-Cache: HIT</c>) from an
/// origin fault without opening a dashboard.
/// </summary>
public sealed record AlertEvidence
{
    /// <summary>No evidence: no report seen yet.</summary>
    public static readonly AlertEvidence Empty = new() { Findings = [], Headers = new Dictionary<string, string>(0) };

    /// <summary>Error findings of the last report(s), at most <see cref="MaxFindings"/>.</summary>
    public required IReadOnlyList<EvidenceFinding> Findings { get; init; }

    /// <summary>CDN evidence headers (Age, X-Cache, Via, Server, the CDN's request id) exactly as received; empty for stream-level alerts.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The URL of the fetch the headers come from; null when there is none.</summary>
    public string? Url { get; init; }

    /// <summary>HTTP status of that fetch; 0 when no response arrived or there is no fetch.</summary>
    public int HttpStatus { get; init; }

    /// <summary>How that fetch ended (<c>ok</c>, <c>http_error</c>, <c>timeout</c>, ...); null when there is no fetch.</summary>
    public string? Outcome { get; init; }

    /// <summary>The most findings kept, so one broken playlist cannot blow up a payload: 20.</summary>
    public const int MaxFindings = 20;
}

/// <summary>One finding of the media analysis, as in <c>streamwatch check --format json</c>.</summary>
/// <param name="Code">Stable code, e.g. <c>LIVE-MEDIA-SEQUENCE-REGRESSED</c>.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Message">Human text.</param>
/// <param name="Url">The playlist or MPD it is about.</param>
/// <param name="Line">1-based line; 0 when not tied to a line.</param>
public sealed record EvidenceFinding(string Code, string Severity, string Message, string Url, int Line);
