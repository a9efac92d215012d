namespace StreamWatch.Media;

/// <summary>
/// The facts about one media playlist (HLS) or representation (DASH) that reports and
/// the <c>streamwatch check --format json</c> output carry (CONTRACTS.md).
/// </summary>
/// <param name="Url">The playlist URL (DASH: the MPD URL).</param>
/// <param name="Kind"><c>hls-media</c> or <c>dash-representation</c>.</param>
/// <param name="Live">True for a live (HLS without ENDLIST, DASH dynamic) presentation.</param>
/// <param name="TargetDuration">EXT-X-TARGETDURATION (DASH: the longest segment), in seconds.</param>
/// <param name="MediaSequence">Media sequence of the first segment (DASH: first segment number), when known.</param>
/// <param name="Segments">Number of segments listed (DASH: available at the analysis instant).</param>
/// <param name="DurationSeconds">Sum of segment durations, in seconds.</param>
/// <param name="Name">Rendition name for people: DASH representation id, HLS variant resolution or NAME.</param>
public sealed record PlaylistSummary(
    Uri Url,
    string Kind,
    bool Live,
    double? TargetDuration,
    long? MediaSequence,
    int Segments,
    double DurationSeconds,
    string? Name = null);
