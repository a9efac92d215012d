using StreamWatch.Media;

namespace StreamWatch.Cli.Watch;

/// <summary>
/// How long to wait before the next poll of a snapshot: adapts a <see cref="ManifestAnalysis"/> to the
/// engine's <see cref="ReloadCadence"/> (RFC 8216bis 6.3.4; DASH minimumUpdatePeriod), which holds the rule.
/// </summary>
internal static class ReloadPolicy
{
    /// <summary>Shortest wait between polls of an MPD: minimumUpdatePeriod may be 0 ("reload at will").</summary>
    public static readonly TimeSpan DashFloor = ReloadCadence.DashFloor;

    /// <summary>Shortest wait between any two polls, whatever a broken playlist claims (a target duration of 0).</summary>
    public static readonly TimeSpan Floor = ReloadCadence.HlsFloor;

    /// <summary>Wait after a failed poll when no target duration is known yet.</summary>
    public static readonly TimeSpan DefaultRetry = ReloadCadence.UnknownTargetDuration;

    /// <summary>The wait after a successful poll of <paramref name="current"/>.</summary>
    /// <param name="current">The snapshot just received.</param>
    /// <param name="changed">Whether it differs from the previous snapshot (true for the first).</param>
    public static TimeSpan AfterPoll(ManifestAnalysis current, bool changed)
    {
        ArgumentNullException.ThrowIfNull(current);
        var interval = current.ReloadInterval ?? TargetDuration(current);

        // An MPD without minimumUpdatePeriod is not expected to change; polling once a segment still shows the live edge move.
        return current.Kind == ManifestKind.Dash
            ? ReloadCadence.AfterDashReload(interval)
            : ReloadCadence.AfterHlsReload(interval, changed);
    }

    /// <summary>The wait after a failed poll: half a target duration, as after an unchanged reload.</summary>
    public static TimeSpan AfterFailure(TimeSpan? targetDuration) => ReloadCadence.AfterFailedReload(targetDuration);

    /// <summary>The target duration of the snapshot's first playlist (DASH: its longest segment), when known.</summary>
    public static TimeSpan? TargetDuration(ManifestAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        foreach (var playlist in analysis.Playlists)
        {
            if (playlist.TargetDuration is > 0 and var seconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }
}
