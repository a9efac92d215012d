using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Tests.Internal;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("check ✓", "check %E2%9C%93")]
    [InlineData("tab\tend~", "tab%09end~")]
    public void Encode_FollowsTheSpec(string value, string encoded) => Assert.Equal(encoded, PercentEncoding.Encode(value));

    [Theory]
    [InlineData("100%25", "100%")]
    [InlineData("%e2%9c%93", "✓")]
    [InlineData("bad %zz escape %", "bad %zz escape %")]
    [InlineData("no escapes", "no escapes")]
    public void Decode_AcceptsEitherCaseAndPassesInvalidEscapesThrough(string encoded, string value) => Assert.Equal(value, PercentEncoding.Decode(encoded));

    [Fact]
    public void RoundTrip_UnicodeAndControlCharacters()
    {
        const string value = "déjà vu: 100% \u2713 \"quoted\"\r\n\u0000 emoji 🎬";
        Assert.Equal(value, PercentEncoding.Decode(PercentEncoding.Encode(value)));
    }
}
