using StreamWatch.Media;

namespace StreamWatch.Cli.Watch;

/// <summary>
/// How long to wait before the next poll, as the specifications allow a client to reload:
/// HLS (RFC 8216bis 6.3.4) one target duration after a load that changed the playlist, half a target
/// duration after one that did not; DASH every minimumUpdatePeriod, never more often than <see cref="DashFloor"/>.
/// </summary>
internal static class ReloadPolicy
{
    /// <summary>Shortest wait between polls of an MPD: minimumUpdatePeriod may be 0 ("reload at will").</summary>
    public static readonly TimeSpan DashFloor = TimeSpan.FromSeconds(1);

    /// <summary>Shortest wait between any two polls, whatever a broken playlist claims (a target duration of 0).</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(250);

    /// <summary>Wait after a failed poll when no target duration is known yet.</summary>
    public static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a successful poll of <paramref name="current"/>.</summary>
    /// <param name="current">The snapshot just received.</param>
    /// <param name="changed">Whether it differs from the previous snapshot (true for the first).</param>
    public static TimeSpan AfterPoll(ManifestAnalysis current, bool changed)
    {
        ArgumentNullException.ThrowIfNull(current);
        var target = TargetDuration(current);
        if (current.Kind == ManifestKind.Dash)
        {
            // An MPD without minimumUpdatePeriod is not expected to change; polling once a segment still shows the live edge move.
            var period = current.ReloadInterval ?? target ?? DefaultRetry;
            return Max(period, DashFloor);
        }

        var full = current.ReloadInterval ?? target ?? DefaultRetry;
        return Max(changed ? full : full / 2, Floor);
    }

    /// <summary>The wait after a failed poll: half a target duration, as after an unchanged reload.</summary>
    public static TimeSpan AfterFailure(TimeSpan? targetDuration)
        => Max(targetDuration is { } target ? target / 2 : DefaultRetry, Floor);

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

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
