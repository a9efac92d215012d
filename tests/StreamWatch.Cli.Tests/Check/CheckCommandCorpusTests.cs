using System.Text.Json;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Media;
using StreamWatch.Testing;

namespace StreamWatch.Cli.Tests.Check;

public sealed class CheckCommandCorpusTests
{
    public static TheoryData<string> CorpusFiles
    {
        get
        {
            var files = Corpus.Files("hls", "*.m3u8");
            foreach (var file in Corpus.Files("dash", "*.mpd"))
            {
                files.Add(file);
            }

            return files;
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Check_CorpusFileAsJson_WritesContractAndExitCodeMatchesErrorFindings(string file)
    {
        var path = Corpus.File(file);

        var result = await CliRunner.RunAsync("check", path, "--format", "json");

        if (ManifestAnalyzer.Detect(File.ReadAllBytes(path)) == ManifestKind.Unknown)
        {
            // An empty file is not a playlist at all: that is the input being unreadable, not a finding.
            Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
            Assert.Single(result.StderrLines);
            return;
        }

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ErrorFindings, result.ToString());
        Assert.Empty(result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonContract.AssertCheckReport(json.RootElement);
        var hasErrors = JsonContract.Findings(json.RootElement).Any(f => f.GetProperty("severity").GetString() == "error");
        Assert.Equal(hasErrors ? ExitCodes.ErrorFindings : ExitCodes.Ok, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Check_CorpusFileAsText_PrintsPlaylistsTableAndVerdict(string file)
    {
        var path = Corpus.File(file);
        if (ManifestAnalyzer.Detect(File.ReadAllBytes(path)) == ManifestKind.Unknown)
        {
            return;
        }

        var result = await CliRunner.RunAsync("check", path);

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ErrorFindings, result.ToString());
        Assert.True(result.Stdout.Contains("Playlists", StringComparison.Ordinal) || result.Stdout.Contains("No media playlists.", StringComparison.Ordinal), result.Stdout);
        Assert.StartsWith(result.ExitCode == ExitCodes.Ok ? "OK " : "FAIL ", result.StdoutLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DemoSample_ExitsZeroWithThreeLivePlaylists()
    {
        var path = Path.Combine(Corpus.RepositoryRoot, "samples", "demo", "master.m3u8");

        var result = await CliRunner.RunAsync("check", path, "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        JsonContract.AssertCheckReport(json.RootElement);
        Assert.Equal("hls-multivariant", json.RootElement.GetProperty("kind").GetString());
        var playlists = json.RootElement.GetProperty("playlists").EnumerateArray().ToArray();
        Assert.Equal(3, playlists.Length);
        Assert.All(playlists, p => Assert.True(p.GetProperty("live").GetBoolean()));
        Assert.All(playlists, p => Assert.StartsWith("file:///", p.GetProperty("url").GetString(), StringComparison.Ordinal));
    }
}
