using Xunit;

namespace StreamWatch.Media.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m30s250ms", 90_250)]
    [InlineData(" 60s ", 60_000)]
    [InlineData("0s", 0)]
    [InlineData("-10s", -10_000)]
    public void TryParse_NumbersWithUnits_ReturnsTheirSum(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("60")]
    [InlineData("5 minutes")]
    [InlineData("30 s")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData("1e3s")]
    [InlineData("1.2.3s")]
    [InlineData("99999999999999h")]
    public void TryParse_NotADuration_ReturnsFalse(string? text)
    {
        Assert.False(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData("250ms")]
    [InlineData("1m30s")]
    [InlineData("2h5m")]
    [InlineData("-10s")]
    [InlineData("1.5s")]
    public void Format_ReadsBackToTheSameDuration(string text)
    {
        Assert.True(DurationText.TryParse(text, out var value));

        Assert.True(DurationText.TryParse(DurationText.Format(value), out var again));
        Assert.Equal(value, again);
    }
}
