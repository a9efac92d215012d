namespace StreamWatch.Media.Dash;

/// <summary>
/// A parsed Media Presentation Description (ISO/IEC 23009-1). Durations are <see cref="TimeSpan"/>s,
/// instants are <see cref="DateTimeOffset"/>s in UTC; a value that was absent or invalid is null (invalid ones are reported).
/// </summary>
public sealed class DashManifest
{
    internal DashManifest()
    {
    }

    /// <summary>True for <c>type="dynamic"</c> (live), false for static (the default).</summary>
    public bool IsDynamic { get; internal set; }

    /// <summary><c>@id</c>, when present.</summary>
    public string? Id { get; internal set; }

    /// <summary><c>@profiles</c> as written (comma-separated URNs), null when absent.</summary>
    public string? Profiles { get; internal set; }

    /// <summary><c>@availabilityStartTime</c>: the wall-clock anchor of a dynamic presentation.</summary>
    public DateTimeOffset? AvailabilityStartTime { get; internal set; }

    /// <summary><c>@availabilityEndTime</c>, when present.</summary>
    public DateTimeOffset? AvailabilityEndTime { get; internal set; }

    /// <summary><c>@publishTime</c>: when this version of the MPD was generated.</summary>
    public DateTimeOffset? PublishTime { get; internal set; }

    /// <summary><c>@mediaPresentationDuration</c>, when present.</summary>
    public TimeSpan? MediaPresentationDuration { get; internal set; }

    /// <summary><c>@minimumUpdatePeriod</c>: how long this MPD stays valid; null means it does not change.</summary>
    public TimeSpan? MinimumUpdatePeriod { get; internal set; }

    /// <summary><c>@minBufferTime</c>.</summary>
    public TimeSpan? MinBufferTime { get; internal set; }

    /// <summary><c>@timeShiftBufferDepth</c>: how far behind the live edge segments stay available; null means unbounded.</summary>
    public TimeSpan? TimeShiftBufferDepth { get; internal set; }

    /// <summary><c>@suggestedPresentationDelay</c>.</summary>
    public TimeSpan? SuggestedPresentationDelay { get; internal set; }

    /// <summary><c>@maxSegmentDuration</c>.</summary>
    public TimeSpan? MaxSegmentDuration { get; internal set; }

    /// <summary>Location elements: where to fetch updates of this MPD, resolved against the MPD URL.</summary>
    public IReadOnlyList<Uri> Locations => LocationList;

    /// <summary>PatchLocation elements (MPD patch documents), resolved against the MPD URL.</summary>
    public IReadOnlyList<Uri> PatchLocations => PatchLocationList;

    /// <summary>UTCTiming elements in document order.</summary>
    public IReadOnlyList<DashUtcTiming> UtcTimings => UtcTimingList;

    /// <summary>The periods in document order.</summary>
    public IReadOnlyList<DashPeriod> Periods => PeriodList;

    /// <summary>Every representation of every period, in document order.</summary>
    public IEnumerable<DashRepresentation> AllRepresentations()
    {
        foreach (var period in PeriodList)
        {
            foreach (var set in period.AdaptationSetList)
            {
                foreach (var representation in set.RepresentationList)
                {
                    yield return representation;
                }
            }
        }
    }

    internal int Line { get; set; }

    internal List<Uri> LocationList { get; } = [];

    internal List<Uri> PatchLocationList { get; } = [];

    internal List<DashUtcTiming> UtcTimingList { get; } = [];

    internal List<DashPeriod> PeriodList { get; } = [];

    internal Internal.SegmentLevel? OwnSegmentInfo { get; set; }

    internal List<Internal.BaseUrlEntry> OwnBaseUrls { get; } = [];
}
