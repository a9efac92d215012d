namespace StreamWatch.Media.Dash;

/// <summary>One <c>Event</c> of an EventStream. Times are in the stream's timescale units.</summary>
/// <param name="Id"><c>@id</c>, when present.</param>
/// <param name="PresentationTime"><c>@presentationTime</c> (default 0), in timescale units, before subtracting the stream's presentationTimeOffset.</param>
/// <param name="Duration"><c>@duration</c> in timescale units, when present.</param>
/// <param name="Start">Start relative to the presentation start: period start + (presentationTime − presentationTimeOffset) / timescale.</param>
public sealed record DashEvent(long? Id, long PresentationTime, long? Duration, TimeSpan Start);
