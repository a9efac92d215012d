namespace StreamWatch.Media.Dash;

/// <summary>One media segment of a representation, as computed from the MPD for an instant.</summary>
/// <param name="Number">Segment number (<c>$Number$</c>): startNumber + index in the period.</param>
/// <param name="Time">Media time (<c>$Time$</c>) in timescale units, including presentationTimeOffset.</param>
/// <param name="DurationInTimescale">Duration in timescale units.</param>
/// <param name="Start">Start relative to the presentation start (period start + (Time − presentationTimeOffset) / timescale).</param>
/// <param name="Duration">Duration as a time span.</param>
/// <param name="Url">Resolved URL of the segment.</param>
/// <param name="ByteRange">Byte range within <paramref name="Url"/> (SegmentList mediaRange, SegmentBase indexRange), when any.</param>
/// <param name="AvailabilityStart">Wall-clock time from which the segment is available (dynamic MPDs; static ones with availabilityStartTime).</param>
/// <param name="AvailabilityEnd">Wall-clock time after which the segment leaves the time-shift buffer; null when unbounded.</param>
public sealed record DashSegment(
    long Number,
    long Time,
    long DurationInTimescale,
    TimeSpan Start,
    TimeSpan Duration,
    Uri Url,
    DashByteRange? ByteRange,
    DateTimeOffset? AvailabilityStart,
    DateTimeOffset? AvailabilityEnd);
