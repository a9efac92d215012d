using System.Text.Json;
using StreamWatch.Cli.Drill;

namespace StreamWatch.Cli.Tests.Drill;

public sealed class FaultJsonTests
{
    private static DrillPlan Plan(string? rendition, params KeyValuePair<string, string>[] parameters) => new(
        new Uri("http://lab/"), "http-error", "stream-1", "cdn-a", rendition, TimeSpan.FromSeconds(30), parameters,
        new Uri("http://lab/cdn-a/stream-1/master.m3u8"), null, null);

    [Fact]
    public void Create_Parameters_NumbersAsNumbersAndTheRestAsStrings()
    {
        using var json = JsonDocument.Parse(FaultJson.Create(Plan("720p", new("status", "503"), new("rate", "0.5"), new("offset", "-30s"), new("target", "manifest"))));
        var root = json.RootElement;

        Assert.Equal("cdn-a", root.GetProperty("cdn").GetString());
        Assert.Equal("stream-1", root.GetProperty("stream").GetString());
        Assert.Equal("720p", root.GetProperty("rendition").GetString());
        Assert.Equal("http-error", root.GetProperty("kind").GetString());
        Assert.Equal(503, root.GetProperty("status").GetInt32());
        Assert.Equal(0.5, root.GetProperty("rate").GetDouble());
        Assert.Equal("-30s", root.GetProperty("offset").GetString());
        Assert.Equal("manifest", root.GetProperty("target").GetString());
    }

    [Fact]
    public void Create_WholeStream_OmitsRenditionAndLetsTheLabExpireTheFaultAfterForPlusMargin()
    {
        using var json = JsonDocument.Parse(FaultJson.Create(Plan(null)));

        Assert.False(json.RootElement.TryGetProperty("rendition", out _));
        Assert.Equal("60000ms", json.RootElement.GetProperty("duration").GetString());
    }
}
