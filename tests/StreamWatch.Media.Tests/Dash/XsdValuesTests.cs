using StreamWatch.Media.Dash.Internal;
using Xunit;

namespace StreamWatch.Media.Tests.Dash;

public sealed class XsdValuesTests
{
    [Theory]
    [InlineData("PT2S", 2.0)]
    [InlineData("PT.5S", 0.5)]
    [InlineData("PT0H1M30.000S", 90.0)]
    [InlineData("PT5.972633333S", 5.9726333)]
    [InlineData("P1DT0.04S", 86400.04)]
    [InlineData("P1Y", 31536000.0)]
    [InlineData("P1M", 2592000.0)]
    [InlineData("PT476823H11M", 1716563460.0)]
    [InlineData("-PT1S", -1.0)]
    public void TryParseDuration_ValidLexicalForm_ReturnsSeconds(string text, double seconds)
    {
        Assert.True(XsdValues.TryParseDuration(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("2S")]
    [InlineData("PT1.S")]
    [InlineData("P1.5D")]
    [InlineData("PT1S2M")]
    [InlineData("P1H")]
    [InlineData("PT1M1M")]
    [InlineData("P99999999999999999999Y")]
    [InlineData("some_time")]
    public void TryParseDuration_InvalidLexicalForm_ReturnsFalse(string text)
        => Assert.False(XsdValues.TryParseDuration(text, out _));

    [Theory]
    [InlineData("2024-03-28T15:43:10Z", "2024-03-28T15:43:10.0000000+00:00", true)]
    [InlineData("2017-08-14T11:49:14-07:00", "2017-08-14T18:49:14.0000000+00:00", true)]
    [InlineData("2019-02-01T15:45:00", "2019-02-01T15:45:00.0000000+00:00", false)]
    [InlineData("2024-01-01T00:00:00.123456789Z", "2024-01-01T00:00:00.1234567+00:00", true)]
    [InlineData("2023-12-31T24:00:00Z", "2024-01-01T00:00:00.0000000+00:00", true)]
    public void TryParseDateTime_ValidLexicalForm_ReturnsUtcInstant(string text, string expected, bool zone)
    {
        Assert.True(XsdValues.TryParseDateTime(text, out var value, out var hadZone));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(zone, hadZone);
    }

    [Theory]
    [InlineData("some_publish_time")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2024-01-01 00:00:00Z")]
    [InlineData("2024-01-01T00:00:60Z")]
    [InlineData("2024-01-01T00:00:00+25:00")]
    [InlineData("2024-01-01T00:00:00.Z")]
    public void TryParseDateTime_InvalidLexicalForm_ReturnsFalse(string text)
        => Assert.False(XsdValues.TryParseDateTime(text, out _, out _));

    [Theory]
    [InlineData("seg-$Number%05d$.m4s", 42, 0, "seg-00042.m4s")]
    [InlineData("$RepresentationID$/$Time$.m4s", 1, 154047647520000, "v1/154047647520000.m4s")]
    [InlineData("a$$b$Bandwidth$", 1, 0, "a$b800")]
    [InlineData("$Number%01d$", 123, 0, "123")]
    public void UrlTemplate_Expand_SubstitutesIdentifiers(string template, long number, long time, string expected)
    {
        var compiled = UrlTemplate.Compile(template, "v1", 800);

        Assert.Null(compiled.Error);
        Assert.Equal(expected, compiled.Expand(number, time));
    }
}
