using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>Asserts the CONTRACTS.md shape of <c>streamwatch check --format json</c>.</summary>
internal static partial class JsonContract
{
    public static void AssertCheckReport(JsonElement root)
    {
        Assert.Equal(JsonValueKind.String, root.GetProperty("url").ValueKind);
        Assert.Contains(root.GetProperty("kind").GetString(), new[] { "hls-multivariant", "hls-media", "dash" });
        foreach (var playlist in root.GetProperty("playlists").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, playlist.GetProperty("url").ValueKind);
            Assert.Contains(playlist.GetProperty("kind").GetString(), new[] { "hls-media", "dash-representation" });
            Assert.True(playlist.GetProperty("live").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.True(playlist.GetProperty("targetDuration").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
            Assert.True(playlist.GetProperty("mediaSequence").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
            Assert.Equal(JsonValueKind.Number, playlist.GetProperty("segments").ValueKind);
            Assert.Equal(JsonValueKind.Number, playlist.GetProperty("durationSeconds").ValueKind);
        }

        foreach (var finding in root.GetProperty("findings").EnumerateArray())
        {
            AssertFinding(finding);
        }
    }

    public static void AssertFinding(JsonElement finding)
    {
        Assert.Matches(CodePattern(), finding.GetProperty("code").GetString());
        Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        Assert.True(finding.GetProperty("url").ValueKind is JsonValueKind.String or JsonValueKind.Null);
        Assert.True(finding.GetProperty("line").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
    }

    public static IEnumerable<JsonElement> Findings(JsonElement root) => root.GetProperty("findings").EnumerateArray();

    [GeneratedRegex("^(HLS|DASH|LIVE)-[A-Z0-9]+(-[A-Z0-9]+)*$")]
    private static partial Regex CodePattern();
}
