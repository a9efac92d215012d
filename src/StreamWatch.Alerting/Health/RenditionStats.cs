using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Health;

/// <summary>
/// What the engine knows about one rendition of one source, updated in place from each report
/// without allocating. Not thread-safe: the engine serialises access.
/// </summary>
internal sealed class RenditionStats
{
    /// <summary>Manifest polls: 1 for a failed fetch, 0 for a good one.</summary>
    public SampleWindow ManifestFailures { get; } = new();

    /// <summary>Segment downloads: 1 for a failed fetch, 0 for a good one.</summary>
    public SampleWindow SegmentFailures { get; } = new();

    /// <summary>Successful segment downloads: download time divided by segment duration.</summary>
    public SampleWindow SegmentLoad { get; } = new();

    /// <summary>When the last report of this rendition arrived; null before the first.</summary>
    public DateTimeOffset? LastReportAt { get; private set; }

    /// <summary>Whether any manifest poll has been seen.</summary>
    public bool HasManifest { get; private set; }

    /// <summary>Whether the last manifest poll failed to fetch or parse.</summary>
    public bool LastPollFailed { get; private set; }

    /// <summary>Manifest polls failed in a row, up to now.</summary>
    public int ConsecutiveManifestFailures { get; private set; }

    /// <summary>Last known target duration; zero until a playlist declared one.</summary>
    public TimeSpan TargetDuration { get; private set; }

    /// <summary>Playlist age reported by the last good poll.</summary>
    public TimeSpan PlaylistAge { get; private set; }

    /// <summary>When the last good poll arrived.</summary>
    public DateTimeOffset LastGoodPollAt { get; private set; }

    /// <summary>Live edge latency of the last good poll, when the playlist allowed measuring it.</summary>
    public TimeSpan? LiveEdgeLatency { get; private set; }

    /// <summary>How far this CDN's live edge is behind the leading CDN's, as of the last good poll.</summary>
    public TimeSpan? CdnSkew { get; private set; }

    /// <summary>Number of <c>LIVE-</c> error findings (continuity between polls) in the last good poll.</summary>
    public int ContinuityErrors { get; private set; }

    /// <summary>
    /// The last manifest poll, kept by reference (no copy on the hot path) for alert evidence, which
    /// is read only when an alert changes. Callers hand the engine a report and never mutate it after.
    /// </summary>
    public ManifestPoll? LastManifest { get; private set; }

    /// <summary>The last segment download, kept by reference like <see cref="LastManifest"/>.</summary>
    public SegmentResult? LastSegment { get; private set; }

    public void Apply(ManifestPoll poll, DateTimeOffset now)
    {
        LastReportAt = now;
        LastManifest = poll;
        HasManifest = true;
        var ok = poll.Fetch is { Outcome: FetchOutcome.Ok };
        ManifestFailures.Add(now, ok ? 0 : 1);
        LastPollFailed = !ok;
        if (!ok)
        {
            ConsecutiveManifestFailures++;
            return;
        }

        ConsecutiveManifestFailures = 0;
        LastGoodPollAt = now;
        if (poll.TargetDuration is { } td && td.ToTimeSpan() > TimeSpan.Zero)
        {
            TargetDuration = td.ToTimeSpan();
        }

        PlaylistAge = poll.PlaylistAge?.ToTimeSpan() ?? TimeSpan.Zero;
        LiveEdgeLatency = poll.LiveEdgeLatency?.ToTimeSpan();
        CdnSkew = poll.CdnSkew?.ToTimeSpan();
        var continuity = 0;
        var findings = poll.Findings;

        // Indexed, not foreach: RepeatedField's enumerator is a heap-allocated iterator.
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].Severity == Severity.Error && findings[i].Code.StartsWith("LIVE-", StringComparison.Ordinal))
            {
                continuity++;
            }
        }

        ContinuityErrors = continuity;
    }

    public void Apply(SegmentResult segment, DateTimeOffset now)
    {
        LastReportAt = now;
        LastSegment = segment;
        var ok = segment.Fetch is { Outcome: FetchOutcome.Ok };
        SegmentFailures.Add(now, ok ? 0 : 1);
        var duration = segment.Duration?.ToTimeSpan() ?? TimeSpan.Zero;
        var total = segment.Fetch?.Timings?.Total?.ToTimeSpan() ?? TimeSpan.Zero;
        if (ok && duration > TimeSpan.Zero && total > TimeSpan.Zero)
        {
            SegmentLoad.Add(now, total / duration);
        }
    }

    /// <summary>The playlist's age now: the last good poll's age plus the time since that poll.</summary>
    public TimeSpan CurrentPlaylistAge(DateTimeOffset now) => HasGoodPoll ? PlaylistAge + (now - LastGoodPollAt) : TimeSpan.Zero;

    /// <summary>Whether a poll has ever succeeded.</summary>
    public bool HasGoodPoll => LastGoodPollAt != default;

    /// <summary>The health score (0..1) over <paramref name="window"/>; see <see cref="HealthScore"/>.</summary>
    public double Score(DateTimeOffset now, TimeSpan window)
    {
        var since = now - window;
        var manifests = ManifestFailures.Aggregate(since);
        var manifestSuccess = manifests.Count == 0 ? 1 : 1 - manifests.Mean;
        var freshness = HasManifest && !HasGoodPoll
            ? 0
            : HealthScore.Freshness(CurrentPlaylistAge(now).TotalSeconds, TargetDuration.TotalSeconds);
        var segments = SegmentFailures.Aggregate(since);
        var segmentSuccess = segments.Count == 0 ? 1 : 1 - segments.Mean;
        return manifestSuccess * freshness * segmentSuccess;
    }

    /// <summary>The status now: unknown without a report in <paramref name="window"/>, else by score.</summary>
    public HealthStatus Status(DateTimeOffset now, TimeSpan window, out double score)
    {
        if (LastReportAt is not { } last || now - last > window)
        {
            score = 0;
            return HealthStatus.Unknown;
        }

        score = Score(now, window);
        return HealthScore.Classify(score);
    }
}
