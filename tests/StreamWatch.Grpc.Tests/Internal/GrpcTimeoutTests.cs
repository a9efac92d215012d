using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Tests.Internal;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("2H", 2 * TimeSpan.TicksPerHour)]
    [InlineData("3M", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("10S", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("250m", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1500u", 15_000)]
    [InlineData("1000n", 10)]
    [InlineData("1n", 1)]
    [InlineData("99999999S", 99_999_999 * TimeSpan.TicksPerSecond)]
    public void TryParse_EveryUnit_GivesTheSpan(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void TryParse_Malformed_IsRejected(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(1)]
    [InlineData(9_999)]
    [InlineData(TimeSpan.TicksPerSecond)]
    [InlineData(TimeSpan.TicksPerDay * 3)]
    [InlineData(TimeSpan.TicksPerDay * 3650)]
    public void Format_RoundTrips_NeverShorterAndAtMostEightDigits(long ticks)
    {
        var header = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));
        Assert.InRange(header.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(header, out var parsed));
        Assert.True(parsed.Ticks >= ticks, $"{header} is shorter than {ticks} ticks");
    }

    [Fact]
    public void Format_NonPositive_IsTheSmallestTimeout() => Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
}
