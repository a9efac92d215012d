namespace StreamWatch.Probe.Measurement;

/// <summary>A rendition's current state as <c>GET /api/v1/targets</c> shows it.</summary>
/// <param name="Stream">Stream id.</param>
/// <param name="Cdn">CDN name.</param>
/// <param name="Rendition">Rendition id.</param>
/// <param name="Url">The polled playlist or MPD.</param>
/// <param name="LastPoll">When the last poll ended; null before the first.</param>
/// <param name="Outcome">The last poll's outcome (<c>ok</c>, <c>http_error</c>, <c>timeout</c>…); null before the first.</param>
/// <param name="HttpStatus">The last poll's HTTP status; 0 when no response arrived.</param>
/// <param name="MediaSequence">The last parsed media sequence.</param>
/// <param name="TargetDurationSeconds">The last parsed target duration, in seconds.</param>
/// <param name="AgeSeconds">Time since the playlist last changed, in seconds, at the last poll.</param>
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
    DateTimeOffset? NextPoll);
