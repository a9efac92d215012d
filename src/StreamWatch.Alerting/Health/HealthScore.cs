namespace StreamWatch.Alerting.Health;

/// <summary>
/// How health scores (0..1) are computed and turned into a <see cref="HealthStatus"/>.
/// </summary>
/// <remarks>
/// A rendition's score over the health window (<c>Alerting:HealthWindow</c>, 60 s by default) is
/// <c>manifestSuccessRatio × freshness × (1 − segmentErrorRatio)</c>, where freshness is 1 while the
/// playlist is at most 1.5 target durations old, falls linearly to 0 at 3 target durations, and
/// keeps ageing while polls fail (age at the last good poll plus the time since). A source's score
/// is its worst rendition's: one rendition a player cannot fetch is enough to stall viewers. A
/// score of at least <see cref="OperationalThreshold"/> is operational, below
/// <see cref="OutageThreshold"/> an outage, in between degraded; no report within the window is
/// unknown.
/// </remarks>
public static class HealthScore
{
    /// <summary>Lowest score that is still operational: 0.9.</summary>
    public const double OperationalThreshold = 0.9;

    /// <summary>Scores below this are an outage: 0.5.</summary>
    public const double OutageThreshold = 0.5;

    /// <summary>Playlist age, in target durations, up to which a playlist counts as fresh: 1.5.</summary>
    public const double FreshTargetDurations = 1.5;

    /// <summary>Playlist age, in target durations, at which freshness reaches 0: 3.</summary>
    public const double DeadTargetDurations = 3.0;

    /// <summary>The status of a score.</summary>
    public static HealthStatus Classify(double score) => score switch
    {
        >= OperationalThreshold => HealthStatus.Operational,
        >= OutageThreshold => HealthStatus.Degraded,
        _ => HealthStatus.Outage,
    };

    /// <summary>Freshness factor (0..1) of a playlist <paramref name="ageSeconds"/> old with the given target duration in seconds.</summary>
    public static double Freshness(double ageSeconds, double targetDurationSeconds)
    {
        if (targetDurationSeconds <= 0)
        {
            return 1;
        }

        var inTargets = ageSeconds / targetDurationSeconds;
        if (inTargets <= FreshTargetDurations)
        {
            return 1;
        }

        if (inTargets >= DeadTargetDurations)
        {
            return 0;
        }

        return (DeadTargetDurations - inTargets) / (DeadTargetDurations - FreshTargetDurations);
    }
}
