namespace StreamWatch.Alerting.Rules;

/// <summary>
/// The conditions the engine knows how to evaluate. Each built-in rule is named after its kind;
/// a configured rule with another name picks one with <see cref="RuleSettings.Kind"/>.
/// </summary>
public enum RuleKind
{
    /// <summary>Rendition: at least <c>threshold</c> manifest polls failed in a row (default 2).</summary>
    ManifestUnavailable,

    /// <summary>Rendition: the playlist is older than <c>threshold</c> target durations (default 1.5).</summary>
    ManifestStale,

    /// <summary>Rendition: the segment error ratio over <c>window</c> exceeds <c>threshold</c> (default 0.1 over 1 min, at least 3 segments).</summary>
    SegmentErrorsHigh,

    /// <summary>Rendition: mean download time / segment duration over <c>window</c> exceeds <c>threshold</c> (default 0.8 over 1 min).</summary>
    SegmentSlow,

    /// <summary>Rendition: the last poll had at least <c>threshold</c> <c>LIVE-</c> continuity errors (default 1).</summary>
    SequenceError,

    /// <summary>Rendition: live edge latency exceeds <c>threshold</c> seconds (default 30).</summary>
    LiveLatencyHigh,

    /// <summary>Rendition: this CDN is at least <c>threshold</c> target durations behind the leading CDN (default 2).</summary>
    CdnBehind,

    /// <summary>Stream: every source of the stream is in outage.</summary>
    StreamDown,

    /// <summary>Source: no report for more than <c>threshold</c> target durations (default 3); evaluated on the timer.</summary>
    ProbeSilent,
}
