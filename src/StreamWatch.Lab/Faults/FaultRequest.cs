namespace StreamWatch.Lab.Faults;

/// <summary>
/// The body of <c>POST /lab/faults</c>. Durations are strings with a unit (<see cref="StreamWatch.Media.DurationText"/>):
/// <c>"500ms"</c>, <c>"30s"</c>, <c>"2m"</c>. Parameters a kind does not take are refused.
/// </summary>
public sealed record FaultRequest
{
    /// <summary>CDN edge name, e.g. <c>cdn-a</c>. Required.</summary>
    public string? Cdn { get; init; }

    /// <summary>Stream id. Required.</summary>
    public string? Stream { get; init; }

    /// <summary>Rendition id (e.g. <c>720p</c>, <c>audio</c>); all of the stream when absent. Required by drop-rendition.</summary>
    public string? Rendition { get; init; }

    /// <summary>One of stale, http-error, slow, jitter, timeout, sequence-regression, sequence-reset,
    /// discontinuity-storm, drop-rendition, truncate, garbage, lag, clock-skew. Required.</summary>
    public string? Kind { get; init; }

    /// <summary>http-error: the status code, 400..599.</summary>
    public int? Status { get; init; }

    /// <summary>http-error: share of requests that fail, 0..1; defaults to 1.</summary>
    public double? Rate { get; init; }

    /// <summary>Delivery faults: manifest, segment or all. Defaults: all, except truncate and garbage (manifest).</summary>
    public string? Target { get; init; }

    /// <summary>slow: added delay before the response.</summary>
    public string? Delay { get; init; }

    /// <summary>slow: throughput cap of the body in bytes per second.</summary>
    public long? BytesPerSecond { get; init; }

    /// <summary>jitter: uniform (min..max, the default) or normal (mean, stddev).</summary>
    public string? Distribution { get; init; }

    /// <summary>jitter uniform: smallest delay.</summary>
    public string? Min { get; init; }

    /// <summary>jitter uniform: largest delay.</summary>
    public string? Max { get; init; }

    /// <summary>jitter normal: mean delay.</summary>
    public string? Mean { get; init; }

    /// <summary>jitter normal: standard deviation.</summary>
    public string? Stddev { get; init; }

    /// <summary>http-error, jitter, garbage: random seed, so a drill replays; defaults to 1.</summary>
    public int? Seed { get; init; }

    /// <summary>lag: segments behind the live edge; sequence-regression: how far the media sequence goes back. Defaults to 3.</summary>
    public int? Segments { get; init; }

    /// <summary>clock-skew: offset added to PROGRAM-DATE-TIME and availabilityStartTime, e.g. <c>"30s"</c> or <c>"-10s"</c>.</summary>
    public string? Offset { get; init; }

    /// <summary>truncate: cut the body after this many bytes; in the middle of a line of the body when absent.</summary>
    public int? Bytes { get; init; }

    /// <summary>Wait before the fault takes effect; defaults to none.</summary>
    public string? StartAfter { get; init; }

    /// <summary>How long the fault lasts once in effect; until deleted when absent.</summary>
    public string? Duration { get; init; }
}
