namespace StreamWatch.Media;

/// <summary>
/// How soon a client may reload a live manifest, per RFC 8216bis 6.3.4 (HLS) and ISO/IEC 23009-1
/// minimumUpdatePeriod (DASH). The one place this rule lives: the CLI's watch and the probe's scheduler
/// both ask it. Intervals are measured from when the previous load began.
/// </summary>
public static class ReloadCadence
{
    /// <summary>Shortest HLS reload interval; defaults to 250 ms, so a broken target duration cannot turn into a request storm.</summary>
    public static readonly TimeSpan HlsFloor = TimeSpan.FromMilliseconds(250);

    /// <summary>Shortest MPD reload interval; 1 s, whatever minimumUpdatePeriod says.</summary>
    public static readonly TimeSpan DashFloor = TimeSpan.FromSeconds(1);

    /// <summary>The interval used when no target duration is known (first poll failed, not a playlist): 1 s.</summary>
    public static readonly TimeSpan UnknownTargetDuration = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a successful HLS reload: one target duration when the playlist changed, half of one when it did not
    /// (RFC 8216bis 6.3.4), never below <see cref="HlsFloor"/>.
    /// </summary>
    /// <param name="targetDuration">EXT-X-TARGETDURATION, or null when unknown.</param>
    /// <param name="changed">Whether this reload returned a playlist different from the previous one.</param>
    public static TimeSpan AfterHlsReload(TimeSpan? targetDuration, bool changed)
    {
        var full = targetDuration ?? UnknownTargetDuration;
        return Max(changed ? full : full / 2, HlsFloor);
    }

    /// <summary>After a failed reload: half a target duration (as for an unchanged playlist), never below <see cref="HlsFloor"/>.</summary>
    public static TimeSpan AfterFailedReload(TimeSpan? targetDuration)
        => Max(targetDuration is { } known ? known / 2 : UnknownTargetDuration, HlsFloor);

    /// <summary>After an MPD reload: minimumUpdatePeriod (or the fallback given), never below <see cref="DashFloor"/>.</summary>
    /// <param name="minimumUpdatePeriod">MPD@minimumUpdatePeriod, or a caller's fallback (e.g. the segment duration), or null.</param>
    public static TimeSpan AfterDashReload(TimeSpan? minimumUpdatePeriod)
        => Max(minimumUpdatePeriod ?? UnknownTargetDuration, DashFloor);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
