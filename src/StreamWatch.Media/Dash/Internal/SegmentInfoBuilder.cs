namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// The attributes of one SegmentBase, SegmentList or SegmentTemplate element exactly as written (null = absent),
/// so that inheritance can merge attribute by attribute (a child's SegmentTemplate@media overrides only @media).
/// </summary>
internal sealed class SegmentInfoBuilder
{
    public long? Timescale { get; set; }

    public long? Duration { get; set; }

    public long? StartNumber { get; set; }

    public long? EndNumber { get; set; }

    public long? PresentationTimeOffset { get; set; }

    public double? AvailabilityTimeOffset { get; set; }

    public string? Media { get; set; }

    public string? Initialization { get; set; }

    public DashByteRange? InitializationRange { get; set; }

    public DashByteRange? IndexRange { get; set; }

    public List<DashTimelineEntry>? Timeline { get; set; }

    public List<DashSegmentUrl>? SegmentUrls { get; set; }

    public int Line { get; set; }

    public string Path { get; set; } = "";

    /// <summary>This element's values where written, the parent's elsewhere (ISO/IEC 23009-1 5.3.9.1).</summary>
    public static SegmentInfoBuilder? Merge(SegmentInfoBuilder? parent, SegmentInfoBuilder? child)
    {
        if (parent is null || child is null)
        {
            return child ?? parent;
        }

        return new SegmentInfoBuilder
        {
            Timescale = child.Timescale ?? parent.Timescale,
            Duration = child.Duration ?? parent.Duration,
            StartNumber = child.StartNumber ?? parent.StartNumber,
            EndNumber = child.EndNumber ?? parent.EndNumber,
            PresentationTimeOffset = child.PresentationTimeOffset ?? parent.PresentationTimeOffset,
            AvailabilityTimeOffset = child.AvailabilityTimeOffset ?? parent.AvailabilityTimeOffset,
            Media = child.Media ?? parent.Media,
            Initialization = child.Initialization ?? parent.Initialization,
            InitializationRange = child.InitializationRange ?? parent.InitializationRange,
            IndexRange = child.IndexRange ?? parent.IndexRange,
            Timeline = child.Timeline ?? parent.Timeline,
            SegmentUrls = child.SegmentUrls is { Count: > 0 } ? child.SegmentUrls : parent.SegmentUrls,
            Line = child.Line,
            Path = child.Path,
        };
    }
}
