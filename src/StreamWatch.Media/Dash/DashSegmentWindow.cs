namespace StreamWatch.Media.Dash;

/// <summary>
/// The segments of one representation available at an instant, with the live edge.
/// For a static MPD every segment is listed and there is no live edge.
/// </summary>
public sealed class DashSegmentWindow
{
    internal DashSegmentWindow(DashRepresentation representation, DateTimeOffset at, IReadOnlyList<DashSegment> segments, Uri? initializationUrl, bool truncated)
    {
        Representation = representation;
        At = at;
        Segments = segments;
        InitializationUrl = initializationUrl;
        Truncated = truncated;
    }

    /// <summary>The representation.</summary>
    public DashRepresentation Representation { get; }

    /// <summary>The wall-clock instant the window was computed for.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Available segments, oldest first.</summary>
    public IReadOnlyList<DashSegment> Segments { get; }

    /// <summary>Resolved URL of the initialization segment, when the MPD names one.</summary>
    public Uri? InitializationUrl { get; }

    /// <summary>True when <see cref="MediaLimits.MaxSegments"/> cut the list short.</summary>
    public bool Truncated { get; }

    /// <summary>
    /// Dynamic MPDs: the wall-clock end of the newest available segment
    /// (availabilityStartTime + its <see cref="DashSegment.Start"/> + its <see cref="DashSegment.Duration"/>). Null when static or nothing is available.
    /// </summary>
    public DateTimeOffset? LiveEdge { get; internal init; }

    /// <summary>
    /// <see cref="At"/> − <see cref="LiveEdge"/>: how far the newest available media lags the wall clock.
    /// Null when there is no live edge.
    /// </summary>
    public TimeSpan? LiveEdgeLatency => LiveEdge is { } edge ? At - edge : null;
}
