namespace StreamWatch.Media.Dash.Internal;

/// <summary>A computed segment before URL expansion: number, media time and duration in timescale units, SegmentList index.</summary>
internal readonly record struct SegmentRef(long Number, long Time, long Duration, int ListIndex);
