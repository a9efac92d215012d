namespace StreamWatch.Cli.Tests;

public sealed class DurationSyntaxTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 60s ", 60_000)]
    [InlineData("1h30m", 5_400_000)] // the Lab's compound form: one syntax (StreamWatch.Media.DurationText)
    public void TryParse_NumberWithUnit_ReturnsDuration(string text, double milliseconds)
    {
        Assert.True(DurationSyntax.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData("1e3s")]
    public void TryParse_NotAPositiveDuration_ReturnsFalse(string text)
    {
        Assert.False(DurationSyntax.TryParse(text, out _));
    }
}
