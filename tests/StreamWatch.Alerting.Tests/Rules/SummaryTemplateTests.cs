using StreamWatch.Alerting.Rules;

namespace StreamWatch.Alerting.Tests.Rules;

public sealed class SummaryTemplateTests
{
    [Fact]
    public void Render_FillsLabelsAndValuesAndLeavesUnknownPlaceholders()
    {
        var labels = new Dictionary<string, string> { ["cdn"] = "cdn-a", ["rendition"] = "720p" };

        var text = SummaryTemplate.Render("{cdn} {rendition} {percent} % {threshold} {td} {window} {nope}", labels, 0.256, 0.1, TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(1));

        Assert.Equal("cdn-a 720p 25.6 % 0.1 6 60 {nope}", text);
    }

    [Theory]
    [InlineData(9.1, "x; resolved after 9.1 s")]
    [InlineData(125, "x; resolved after 2 min 5 s")]
    [InlineData(3 * 3600 + 7 * 60 + 5, "x; resolved after 3 h 7 min")]
    [InlineData(-1, "x; resolved after 0 s")]
    public void Resolved_AppendsHowLongTheAlertFired(double seconds, string expected)
    {
        Assert.Equal(expected, SummaryTemplate.Resolved("x", TimeSpan.FromSeconds(seconds)));
    }
}
