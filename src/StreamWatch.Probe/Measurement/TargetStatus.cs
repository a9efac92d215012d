namespace StreamWatch.Probe.Measurement;

/// <summary>A rendition's current state as <c>GET /api/v1/targets</c> shows it.</summary>
/// <param name="Stream">Stream id.</param>
/// <param name="Cdn">CDN name.</param>
/// <param name="Rendition">Rendition id.</param>
/// <param name="Url">The polled playlist or MPD.</param>
/// <param name="LastPoll">When the last poll ended; null before the first.</param>
/// <param name="Outcome">The last poll's outcome (<c>ok</c>, <c>http_error</c>, <c>timeout</c>…); null before the first.</param>
/// <param name="HttpStatus">The last poll's HTTP status; 0 when no response arrived.</param>
/// <param name="MediaSequence">The last parsed media sequence (DASH: the newest segment number of the representation).</param>
/// <param name="TargetDurationSeconds">The last parsed target duration, in seconds.</param>
/// <param name="AgeSeconds">Time since the media sequence last advanced, in seconds, at the last poll.</param>
/// <param name="Stale">Whether the last poll found the playlist stale.</param>
/// <param name="CdnSkewSeconds">Seconds this CDN's live edge is behind the most advanced CDN's (same stream and rendition).</param>
/// <param name="MediaSequencesBehind">Media sequences this CDN is behind the most advanced CDN.</param>
/// <param name="NextPoll">When the next poll is due.</param>
public sealed record TargetStatus(
    string Stream,
    string Cdn,
    string Rendition,
    string Url,
    DateTimeOffset? LastPoll,
    string? Outcome,
    int HttpStatus,
    long? MediaSequence,
    double? TargetDurationSeconds,
    double? AgeSeconds,
    bool Stale,
    double? CdnSkewSeconds,
    long? MediaSequencesBehind,
    DateTimeOffset? NextPoll)
{
    /// <summary>The DASH representation id this rendition follows inside its MPD; null for HLS.</summary>
    public string? Representation { get; init; }

    /// <summary>True for a rendition of the stream's origin source (<c>cdn</c> is then <c>origin</c>).</summary>
    public bool Origin { get; init; }

    /// <summary>Declared bandwidth (HLS BANDWIDTH, DASH @bandwidth) in bits per second; 0 when unknown.</summary>
    public long DeclaredBandwidthBps { get; init; }

    /// <summary>Polls so far (successful or not).</summary>
    public long Polls { get; init; }

    /// <summary>The last poll's error kind (<c>timeout</c>, <c>decompression_bomb</c>, <c>stale</c>…); null when it was healthy.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>Now minus the end of the newest segment at the last poll, in seconds; null without PROGRAM-DATE-TIME / availabilityStartTime.</summary>
    public double? LiveEdgeLatencySeconds { get; init; }

    /// <summary><c>segments</c> when segments are sampled, <c>manifest</c> when only the manifest is polled (policy none, or adaptive depth while healthy).</summary>
    public string Depth { get; init; } = "segments";

    /// <summary>Adaptive depth: until when the rendition stays escalated to segment sampling; null when not escalated.</summary>
    public DateTimeOffset? EscalatedUntil { get; init; }

    /// <summary>Seconds between the last two changes of the playlist (media sequence progress); null until two were seen.</summary>
    public double? UpdateIntervalSeconds { get; init; }

    /// <summary>Smoothed update jitter in seconds (RFC 3550 6.4.1 against the media duration each update added); null until two changes were seen.</summary>
    public double? UpdateJitterSeconds { get; init; }

    /// <summary>The last manifest fetch's phases, in seconds (connect and TLS are 0 on a reused connection).</summary>
    public FetchPhases? LastFetch { get; init; }
}
