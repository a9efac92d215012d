namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-SKIP in a playlist delta update: segments replaced by this tag.</summary>
/// <param name="SkippedSegments">SKIPPED-SEGMENTS: how many segments at the start were left out.</param>
/// <param name="RecentlyRemovedDateRanges">RECENTLY-REMOVED-DATERANGES: ids of date ranges removed since.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsSkip(long SkippedSegments, IReadOnlyList<string> RecentlyRemovedDateRanges, int Line);
