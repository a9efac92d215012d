using StreamWatch.Probe.Measurement;
using StreamWatch.Probe.Scheduling;

namespace StreamWatch.Probe.Tests.Scheduling;

public sealed class ReloadPolicyTests
{
    private static readonly TimeSpan Six = TimeSpan.FromSeconds(6);

    [Fact]
    public void ChangedPlaylist_ReloadsAfterOneTargetDuration() => Assert.Equal(Six, ReloadPolicy.After(new PollResult(true, true, Six, null)));

    [Fact]
    public void UnchangedPlaylist_ReloadsAfterHalfATargetDuration() => Assert.Equal(Six / 2, ReloadPolicy.After(new PollResult(true, false, Six, null)));

    [Fact]
    public void FailedPoll_RetriesAfterHalfTheLastKnownTargetDuration_OrOneSecond()
    {
        Assert.Equal(Six / 2, ReloadPolicy.After(new PollResult(false, false, Six, null)));
        Assert.Equal(TimeSpan.FromSeconds(1), ReloadPolicy.After(new PollResult(false, false, null, null)));
    }

    [Fact]
    public void Dash_ReloadsByMinimumUpdatePeriod_NeverFasterThanOneSecond()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), ReloadPolicy.After(new PollResult(true, false, null, TimeSpan.FromSeconds(2))));
        Assert.Equal(TimeSpan.FromSeconds(1), ReloadPolicy.After(new PollResult(true, true, null, TimeSpan.Zero)));
    }

    [Fact]
    public void TinyTargetDuration_IsFlooredAtAQuarterSecond()
        => Assert.Equal(TimeSpan.FromMilliseconds(250), ReloadPolicy.After(new PollResult(true, false, TimeSpan.FromMilliseconds(100), null)));

    [Fact]
    public void StaleDeadlineSoonerThanTheCadence_ReloadsAtTheDeadlinePlusTheMargin()
    {
        var started = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var deadline = started + TimeSpan.FromSeconds(4);

        // Unchanged: the cadence says +3 s, the deadline +4.1 s: the cadence wins.
        Assert.Equal(started + (Six / 2), ReloadPolicy.Next(new PollResult(true, false, Six, null, deadline), started, started));

        // Changed: the cadence says +6 s, the deadline is sooner.
        Assert.Equal(deadline + ReloadPolicy.StaleCheckMargin, ReloadPolicy.Next(new PollResult(true, true, Six, null, deadline), started, started));

        // A deadline right now never reloads sooner than the minimum spacing after the poll ended.
        var ended = started + TimeSpan.FromMilliseconds(30);
        Assert.Equal(ended + ReloadPolicy.MinimumSpacing, ReloadPolicy.Next(new PollResult(true, true, Six, null, started), started, ended));

        // A lag probe sooner than the deadline goes first; none of them: the cadence.
        var probe = started + TimeSpan.FromSeconds(2);
        Assert.Equal(probe, ReloadPolicy.Next(new PollResult(true, true, Six, null, deadline, probe), started, started));
        Assert.Equal(started + Six, ReloadPolicy.Next(new PollResult(true, true, Six, null), started, started));
    }
}
