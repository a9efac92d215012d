using StreamWatch.Testing.Time;

namespace StreamWatch.Testing.Tests.Time;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_MovesUtcNowAndTimestamp()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var startTimestamp = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(start.AddSeconds(6), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(6), clock.GetElapsedTime(startTimestamp));
    }

    [Fact]
    public void Advance_FiresOneShotTimerOnlyWhenDue()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(fired);

        clock.Advance(TimeSpan.FromSeconds(5));
        var at = Assert.Single(fired);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero), at);
    }

    [Fact]
    public void Advance_FiresPeriodicTimerAtEachPeriodInOrder()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<double>();
        var origin = clock.GetUtcNow();
        using var fast = clock.CreateTimer(_ => fired.Add((clock.GetUtcNow() - origin).TotalSeconds), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var slow = clock.CreateTimer(_ => fired.Add(-(clock.GetUtcNow() - origin).TotalSeconds), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal([2, -3, 4, 6], fired);
    }

    [Fact]
    public void Dispose_StopsTimer()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task Delay_CompletesWhenClockPassesDueTime()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var clock = new ManualTimeProvider();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }
}
