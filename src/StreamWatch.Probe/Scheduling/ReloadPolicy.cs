using StreamWatch.Media;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Scheduling;

/// <summary>
/// When to poll a rendition again: adapts a <see cref="PollResult"/> to the engine's <see cref="ReloadCadence"/>
/// (RFC 8216bis 6.3.4: one target duration after a changed reload, half of one after an unchanged or failed one,
/// measured from the start of the poll; DASH by minimumUpdatePeriod with a 1 s floor), the rule the CLI uses too.
/// </summary>
internal static class ReloadPolicy
{
    /// <summary>
    /// How long after the stale deadline the deadline reload is sent: the verdict is strict (age above the threshold),
    /// and the slack is what a segment may be late without a stale verdict when the estimate of the change is exact.
    /// </summary>
    public static readonly TimeSpan StaleCheckMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>A deadline reload is never sent sooner than this after the previous poll ended.</summary>
    public static readonly TimeSpan MinimumSpacing = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The next reload of a poll that started at <paramref name="started"/> and ended at <paramref name="now"/>: by the
    /// spec's cadence (<see cref="After"/>), or at the stale deadline (+ <see cref="StaleCheckMargin"/>) when that comes
    /// sooner, so a frozen rendition is judged when it turns stale rather than up to half a target duration later, or at
    /// the change estimate's probe (<see cref="ChangeEstimate.Probe"/>) while the publication lag is still uncertain.
    /// That is one extra reload per frozen change at most: the reload at the deadline either sees progress (a new
    /// deadline, 1.5 target durations on) or issues the verdict (no deadline until the media progresses again).
    /// </summary>
    public static DateTimeOffset Next(PollResult poll, DateTimeOffset started, DateTimeOffset now) => Next(poll, started, now, out _);

    /// <summary>As <see cref="Next(PollResult, DateTimeOffset, DateTimeOffset)"/>; <paramref name="atDeadline"/> says the reload is the one at the stale deadline.</summary>
    public static DateTimeOffset Next(PollResult poll, DateTimeOffset started, DateTimeOffset now, out bool atDeadline)
    {
        atDeadline = false;
        var due = started + After(poll);
        var early = poll.StaleDeadline + StaleCheckMargin;
        if (poll.ProbeAt is { } probe && (early is null || probe < early))
        {
            early = probe;
        }

        if (early is { } sooner && sooner < due)
        {
            var earliest = now + MinimumSpacing;
            due = sooner > earliest ? sooner : earliest < due ? earliest : due;
            atDeadline = sooner == poll.StaleDeadline + StaleCheckMargin;
        }

        return due < now ? now : due;
    }

    /// <summary>
    /// The next reload after a poll of a playlist that offers blocking reloads (RFC 8216bis 6.2.5.2), or after a failed
    /// blocking reload (a normal one follows): at once, as the spec intends (the server holds it), but never sooner than
    /// <see cref="MinimumSpacing"/> after the previous one started, so a server that answers at once cannot make a tight loop.
    /// </summary>
    public static DateTimeOffset NextBlocking(DateTimeOffset started, DateTimeOffset now)
    {
        var earliest = started + MinimumSpacing;
        return earliest > now ? earliest : now;
    }

    public static TimeSpan After(PollResult poll)
    {
        if (poll.DashUpdatePeriod is { } period)
        {
            return ReloadCadence.AfterDashReload(period);
        }

        return poll.Succeeded
            ? ReloadCadence.AfterHlsReload(poll.TargetDuration, poll.Changed)
            : ReloadCadence.AfterFailedReload(poll.TargetDuration);
    }
}
