using StreamWatch.Gateway.StatusPage;

namespace StreamWatch.Gateway.Tests.StatusPage;

public sealed class DayBarTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_history_is_24_operational_hours() => Assert.All(DayBar.Build([], Now), slot => Assert.Equal("operational", slot));

    [Fact]
    public void Firing_intervals_colour_the_hours_they_cover_by_severity()
    {
        // Newest first, as the API returns it.
        UpstreamHistoryEntry[] history =
        [
            new(Now.AddHours(-1.5), "w", "warning", "pending", "firing"),           // still firing: hours 22..23
            new(Now.AddHours(-9.5), "c", "critical", "firing", "resolved"),
            new(Now.AddHours(-10.5), "c", "critical", "pending", "firing"),         // hours 13..14
            new(Now.AddHours(-30), "old", "critical", "pending", "firing"),         // resolved before the window
            new(Now.AddHours(-25), "old", "critical", "firing", "resolved"),
        ];

        var slots = DayBar.Build([.. history.OrderByDescending(h => h.At)], Now);

        Assert.Equal("outage", slots[13]);
        Assert.Equal("outage", slots[14]);
        Assert.Equal("degraded", slots[22]);
        Assert.Equal("degraded", slots[23]);
        Assert.Equal(20, slots.Count(s => s == "operational"));
    }

    [Fact]
    public void A_resolution_whose_firing_fell_out_of_history_counts_from_the_window_start()
    {
        var slots = DayBar.Build([new UpstreamHistoryEntry(Now.AddHours(-22.5), "x", "critical", "firing", "resolved")], Now);

        Assert.Equal(["outage", "outage"], slots[..2]);
        Assert.Equal("operational", slots[2]);
    }
}
