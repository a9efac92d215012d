using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>An immutable snapshot of one alert, taken when it changed or was asked for.</summary>
public sealed record Alert
{
    /// <summary>Stable id: SHA-256 of the rule and its sorted labels, first 16 hex digits.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Rule name.</summary>
    public required string Rule { get; init; }

    /// <summary>Severity.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Lifecycle state.</summary>
    public required AlertLifecycleState State { get; init; }

    /// <summary>Stream id.</summary>
    public required string Stream { get; init; }

    /// <summary>CDN name; empty for a stream-level alert.</summary>
    public required string Cdn { get; init; }

    /// <summary>Rendition id; empty for source- and stream-level alerts and for the multivariant playlist.</summary>
    public required string Rendition { get; init; }

    /// <summary>All labels, sorted by name, including <c>rule</c> and the identity labels.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>When the condition started to hold (pending since).</summary>
    public DateTimeOffset? ActiveSince { get; init; }

    /// <summary>When the alert fired; null while pending.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When the alert resolved; null while pending or firing.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Human summary rendered from the rule's template.</summary>
    public required string Summary { get; init; }

    /// <summary>The measured value, in the unit of the rule's kind.</summary>
    public double Value { get; init; }

    /// <summary>True when the alert fired again within the flap window of resolving.</summary>
    public bool Flapping { get; init; }

    /// <summary>How many times in a row the alert re-fired within the flap window.</summary>
    public int FlapCount { get; init; }

    /// <summary>The acknowledgement of the current firing, if any.</summary>
    public Acknowledgement? Acknowledgement { get; init; }

    /// <summary>The incident of the stream this alert belongs to while firing.</summary>
    public string? IncidentId { get; init; }

    /// <summary>
    /// Where the fault lies: <c>origin</c> for the stream-level origin alert (the polled origin shows the fault too, or,
    /// without origin data, every CDN shows it) and for a CDN alert whose fault the origin shows; <c>cdn</c> for a CDN
    /// alert while the origin is healthy; <c>cdns</c> when the origin is healthy yet every CDN shows it (the CDNs or the
    /// path they share). Null without origin data (a CDN alert, as before origins were polled) and for rules that are not
    /// attributable.
    /// </summary>
    public string? Attribution { get; init; }

    /// <summary>What the polled origin showed for this alert's rule: <c>faulty</c>, <c>healthy</c>, or null (no origin source or no recent data).</summary>
    public string? OriginState { get; init; }

    /// <summary>Why notifications of this alert's current firing are suppressed.</summary>
    public NotificationSuppression Suppression { get; init; }

    /// <summary>What the probe saw: the last report's error findings and the CDN evidence headers.</summary>
    public AlertEvidence Evidence { get; init; } = AlertEvidence.Empty;
}
