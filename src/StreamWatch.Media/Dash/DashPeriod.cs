using System.Globalization;

namespace StreamWatch.Media.Dash;

/// <summary>One <c>Period</c>, with its start and duration resolved (ISO/IEC 23009-1 5.3.2.1).</summary>
public sealed class DashPeriod
{
    internal DashPeriod(DashManifest manifest, int index, int line)
    {
        Manifest = manifest;
        Index = index;
        Line = line;
    }

    /// <summary>The MPD holding this period.</summary>
    public DashManifest Manifest { get; }

    /// <summary>0-based position in the MPD.</summary>
    public int Index { get; }

    /// <summary>1-based line of the element, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Element path, e.g. <c>MPD/Period[0]</c>.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"MPD/Period[{Index}]");

    /// <summary><c>@id</c>, when present.</summary>
    public string? Id { get; internal set; }

    /// <summary><c>@start</c> as written, when present and valid.</summary>
    public TimeSpan? DeclaredStart { get; internal set; }

    /// <summary><c>@duration</c> as written, when present and valid.</summary>
    public TimeSpan? DeclaredDuration { get; internal set; }

    /// <summary>
    /// Resolved start relative to the presentation start (for a dynamic MPD: relative to availabilityStartTime):
    /// <c>@start</c>, else the previous period's start + duration, else zero for the first period of a static MPD.
    /// Null when it cannot be derived (reported).
    /// </summary>
    public TimeSpan? Start { get; internal set; }

    /// <summary>
    /// Resolved duration: up to the next period's start, else <c>@duration</c>, else up to mediaPresentationDuration.
    /// Null for an open-ended (live) last period.
    /// </summary>
    public TimeSpan? Duration { get; internal set; }

    /// <summary><see cref="Start"/> + <see cref="Duration"/>, when both are known.</summary>
    public TimeSpan? End => Start + Duration;

    /// <summary>The adaptation sets.</summary>
    public IReadOnlyList<DashAdaptationSet> AdaptationSets => AdaptationSetList;

    /// <summary>EventStream elements of the period (SCTE-35 ad markers among them).</summary>
    public IReadOnlyList<DashEventStream> EventStreams => EventStreamList;

    internal List<DashAdaptationSet> AdaptationSetList { get; } = [];

    internal List<DashEventStream> EventStreamList { get; } = [];

    internal Internal.SegmentLevel? OwnSegmentInfo { get; set; }

    internal List<Internal.BaseUrlEntry> OwnBaseUrls { get; } = [];
}
