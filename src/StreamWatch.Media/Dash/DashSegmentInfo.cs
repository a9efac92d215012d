namespace StreamWatch.Media.Dash;

/// <summary>
/// The effective segment addressing of one representation after inheritance
/// (MPD → Period → AdaptationSet → Representation, attribute by attribute, ISO/IEC 23009-1 5.3.9.1).
/// All times are in <see cref="Timescale"/> units unless stated otherwise.
/// </summary>
public sealed class DashSegmentInfo
{
    /// <summary>Which addressing scheme applies.</summary>
    public DashAddressingKind Kind { get; internal set; }

    /// <summary><c>@timescale</c> in units per second; 1 when absent. Zero is reported and treated as 1.</summary>
    public long Timescale { get; internal set; } = 1;

    /// <summary><c>@duration</c> of every segment in timescale units, when given (no SegmentTimeline).</summary>
    public long? Duration { get; internal set; }

    /// <summary><c>@startNumber</c>: number of the first segment of the period; 1 when absent.</summary>
    public long StartNumber { get; internal set; } = 1;

    /// <summary><c>@endNumber</c>: number of the last segment of the period, when given.</summary>
    public long? EndNumber { get; internal set; }

    /// <summary><c>@presentationTimeOffset</c> in timescale units; 0 when absent.</summary>
    public long PresentationTimeOffset { get; internal set; }

    /// <summary>
    /// Effective <c>@availabilityTimeOffset</c> in seconds: the sum over the SegmentBase/List/Template and BaseURL levels
    /// (segments become available this much earlier). <see cref="double.PositiveInfinity"/> for <c>INF</c>.
    /// </summary>
    public double AvailabilityTimeOffset { get; internal set; }

    /// <summary>SegmentTemplate <c>@media</c>.</summary>
    public string? Media { get; internal set; }

    /// <summary>SegmentTemplate <c>@initialization</c> or the Initialization element's <c>@sourceURL</c>.</summary>
    public string? Initialization { get; internal set; }

    /// <summary>Byte range of the initialization segment (Initialization <c>@range</c>), when given.</summary>
    public DashByteRange? InitializationRange { get; internal set; }

    /// <summary>SegmentBase <c>@indexRange</c>: where the segment index (sidx) lives, when given.</summary>
    public DashByteRange? IndexRange { get; internal set; }

    /// <summary>The SegmentTimeline entries; empty when there is no timeline.</summary>
    public IReadOnlyList<DashTimelineEntry> Timeline { get; internal set; } = [];

    /// <summary>True when a SegmentTimeline element is present (possibly empty).</summary>
    public bool HasTimeline { get; internal set; }

    /// <summary>SegmentList <c>SegmentURL</c> entries; empty otherwise.</summary>
    public IReadOnlyList<DashSegmentUrl> SegmentUrls { get; internal set; } = [];
}
