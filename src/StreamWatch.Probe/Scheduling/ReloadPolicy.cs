using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Scheduling;

/// <summary>
/// When to poll again (RFC 8216bis 6.3.4; the CLI's policy, same rules): one target duration after a poll that found
/// the playlist changed, half a target duration after one that did not, both measured from the start of the poll;
/// DASH by minimumUpdatePeriod with a 1 s floor.
/// </summary>
internal static class ReloadPolicy
{
    /// <summary>Shortest DASH reload interval.</summary>
    public static readonly TimeSpan DashFloor = TimeSpan.FromSeconds(1);

    /// <summary>Shortest HLS reload interval, against a playlist claiming a tiny target duration.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(250);

    /// <summary>Retry interval when nothing is known about the rendition yet.</summary>
    public static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(1);

    public static TimeSpan After(PollResult poll)
    {
        if (poll.DashUpdatePeriod is { } period)
        {
            return Max(period, DashFloor);
        }

        if (!poll.Succeeded)
        {
            return Max(poll.TargetDuration is { } known ? known / 2 : DefaultRetry, Floor);
        }

        var full = poll.TargetDuration ?? DefaultRetry;
        return Max(poll.Changed ? full : full / 2, Floor);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
