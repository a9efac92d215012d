namespace StreamWatch.Media.Dash;

/// <summary>One <c>S</c> element of a SegmentTimeline, all values in the timescale's units.</summary>
/// <param name="Time"><c>@t</c>, when present; otherwise the entry continues from the previous one.</param>
/// <param name="Duration"><c>@d</c>.</param>
/// <param name="Repeat"><c>@r</c>: number of further segments of the same duration; -1 repeats up to the next <c>@t</c>, the period end or now.</param>
/// <param name="Line">1-based line of the element in the MPD, 0 when unknown.</param>
public readonly record struct DashTimelineEntry(long? Time, long Duration, long Repeat, int Line);
