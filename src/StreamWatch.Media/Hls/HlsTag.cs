namespace StreamWatch.Media.Hls;

/// <summary>A tag kept verbatim: unknown or vendor tags, never fatal.</summary>
/// <param name="Name">Tag name without the leading <c>#</c>, e.g. <c>EXT-X-ALLOW-CACHE</c>.</param>
/// <param name="Value">Everything after the first <c>:</c>, or null when the tag has no value.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="SegmentIndex">Index of the segment the tag precedes (equals the segment count when it follows the last one).</param>
public sealed record HlsTag(string Name, string? Value, int Line, int SegmentIndex);
