namespace StreamWatch.Cli.Tests;

// The syntax itself is StreamWatch.Media.DurationText's (tested in Media.Tests); the CLI takes its positive values.
public sealed class DurationSyntaxTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData(" 60s ", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    public void TryParse_PositiveDuration_ReturnsIt(string text, double milliseconds)
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
    public void TryParse_NotAPositiveDuration_ReturnsFalse(string text)
    {
        Assert.False(DurationSyntax.TryParse(text, out _));
    }
}
