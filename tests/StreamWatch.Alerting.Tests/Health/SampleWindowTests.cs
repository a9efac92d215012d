using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Tests.Health;

public sealed class SampleWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Aggregate_ForgetsSamplesOlderThanTheWindow()
    {
        var window = new SampleWindow();
        for (var s = 0; s < 10; s++)
        {
            window.Add(Start.AddSeconds(s * 6), s < 5 ? 1 : 0);
        }

        var now = Start.AddSeconds(54);
        Assert.Equal(new WindowAggregate(10, 5), window.Aggregate(now.AddSeconds(-60)));
        Assert.Equal(new WindowAggregate(5, 0), window.Aggregate(now.AddSeconds(-24)));
    }

    [Fact]
    public void Add_BeyondCapacity_OverwritesTheOldest()
    {
        var window = new SampleWindow(capacity: 4);
        for (var s = 0; s < 6; s++)
        {
            window.Add(Start.AddSeconds(s), s);
        }

        var all = window.Aggregate(Start);
        Assert.Equal(4, all.Count);
        Assert.Equal(2 + 3 + 4 + 5, all.Sum);
    }
}
