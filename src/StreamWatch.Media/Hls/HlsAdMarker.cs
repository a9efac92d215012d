namespace StreamWatch.Media.Hls;

/// <summary>One ad-signalling tag (CUE-OUT/CUE-OUT-CONT/CUE-IN, OATCLS, EXT-X-SCTE35, PLACEMENT-OPPORTUNITY).</summary>
/// <param name="Kind">Which tag.</param>
/// <param name="Value">The tag value as written, or null.</param>
/// <param name="Duration">Break duration in seconds when the tag states one (CUE-OUT:30, DURATION=30, CUE-OUT-CONT:10/30), else null.</param>
/// <param name="SegmentIndex">Index of the segment the tag precedes.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsAdMarker(HlsAdMarkerKind Kind, string? Value, double? Duration, int SegmentIndex, int Line);
