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
}
