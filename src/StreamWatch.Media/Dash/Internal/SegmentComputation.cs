namespace StreamWatch.Media.Dash.Internal;

/// <summary>The segments of one representation computed for an instant, with the timing context they were computed in.</summary>
internal sealed class SegmentComputation
{
    public required List<SegmentRef> Segments { get; init; }

    public bool Truncated { get; set; }

    /// <summary>True when availability windows were applied (dynamic MPD with a valid availabilityStartTime).</summary>
    public bool Dynamic { get; init; }

    public TimeSpan PeriodStart { get; init; }
}
