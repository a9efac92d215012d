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
