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
}
