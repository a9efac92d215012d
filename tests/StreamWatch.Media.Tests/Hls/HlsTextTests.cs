using System.Globalization;
using System.Text;
using StreamWatch.Media.Hls;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

public sealed class HlsTextTests
{
    [Fact]
    public void TryParseDouble_RandomDecimals_MatchTheFrameworkParserExactly()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var digits = random.Next(1, 19);
            var text = new StringBuilder();
            for (var d = 0; d < digits; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(3) > 0)
            {
                text.Insert(random.Next(text.Length + 1), '.');
            }

            var s = text.ToString();
            if (s == ".")
            {
                continue;
            }

            Assert.True(HlsText.TryParseDouble(Encoding.ASCII.GetBytes(s), out var value), s);
            Assert.Equal(double.Parse(s, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1e3")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("0x10")]
    [InlineData("1 ")]
    public void TryParseDouble_NotADecimal_IsRejected(string text)
        => Assert.False(HlsText.TryParseDouble(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("-12.5", -12.5)]
    [InlineData("+3", 3.0)]
    [InlineData("10.", 10.0)]
    [InlineData(".5", 0.5)]
    public void TryParseDouble_SignedAndPartialForms_AreParsed(string text, double expected)
    {
        Assert.True(HlsText.TryParseDouble(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2016-06-22T09:20:16.166-04:00", "2016-06-22T13:20:16.1660000+00:00")]
    [InlineData("2019-02-14T02:13:36.106Z", "2019-02-14T02:13:36.1060000+00:00")]
    [InlineData("2026-11-21T20:00:00+0530", "2026-11-21T14:30:00.0000000+00:00")]
    [InlineData("2026-11-21T20:00:00", "2026-11-21T20:00:00.0000000+00:00")]
    [InlineData("2016-12-31T23:59:60Z", "2017-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-11-21T20:00:00.123456789Z", "2026-11-21T20:00:00.1234567+00:00")]
    public void TryParseDate_Iso8601Forms_GiveTheInstant(string text, string utc)
    {
        Assert.True(HlsText.TryParseDate(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(utc, value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-11-21T24:00:00Z")]
    [InlineData("2026-11-21T20:00:00+15:00")]
    [InlineData("2026-11-21T20:00:00.Z")]
    [InlineData("2026-11-21")]
    [InlineData("yesterday")]
    public void TryParseDate_Invalid_IsRejected(string text)
        => Assert.False(HlsText.TryParseDate(Encoding.ASCII.GetBytes(text), out _));
}
