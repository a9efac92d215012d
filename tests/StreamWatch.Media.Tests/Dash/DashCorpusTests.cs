using Xunit;
using StreamWatch.Testing;

namespace StreamWatch.Media.Tests.Dash;

public sealed class DashCorpusTests
{
    public static TheoryData<string> MpdFiles => Corpus.Files("dash", "*.mpd");

    public static TheoryData<string> OtherFiles
    {
        get
        {
            var data = Corpus.Files("dash", "*.xml");
            foreach (var file in Corpus.Files("dash", "*.mpp"))
            {
                data.Add(file);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MpdFiles))]
    [MemberData(nameof(OtherFiles))]
    public void Analyze_CorpusFile_NeverThrowsAndNeverFailsInternally(string file)
    {
        var analysis = DashTestSupport.AnalyzeCorpus(file);

        Assert.Equal(ManifestKind.Dash, analysis.Kind);
        Assert.DoesNotContain("DASH-INTERNAL-ERROR", DashTestSupport.Codes(analysis));
        Assert.All(analysis.Findings, f => Assert.StartsWith("DASH-", f.Code, StringComparison.Ordinal));
        Assert.All(analysis.Findings, f => Assert.Equal(f.Code.ToUpperInvariant(), f.Code));
        if (analysis.Manifest is { } manifest)
        {
            Assert.Equal(analysis.Playlists.Count, CountRepresentations(manifest));
        }
    }

    [Theory]
    [InlineData("dash/eyevinn-dashmpd__truncated.mpd", "DASH-XML-NOT-WELL-FORMED")]
    [InlineData("dash/dashjs__manifest-error.xml", "DASH-XML-NOT-WELL-FORMED")]
    [InlineData("dash/livesim2__testpic-2s-vod.mpd", "DASH-XML-NOT-WELL-FORMED")]
    [InlineData("dash/livesim2__multiperiod-patch.mpp", "DASH-ROOT-NOT-MPD")]
    [InlineData("dash/mpdparser__multiperiod-dynamic.mpd", "DASH-DYNAMIC-WITHOUT-AVAILABILITY-START")]
    [InlineData("dash/shakapackager__dynamic-live.mpd", "DASH-INVALID-DATETIME")]
    [InlineData("dash/livesim2__dynamic-timeline-update1.mpd", "DASH-EMPTY-PROFILES")]
    [InlineData("dash/dashjs__gap-at-start-timeline.mpd", "DASH-TIMELINE-GAP")]
    public void Analyze_DefectiveCorpusFile_ReportsTheDefect(string file, string code)
    {
        var analysis = DashTestSupport.AnalyzeCorpus(file);

        Assert.Contains(code, DashTestSupport.Codes(analysis));
    }

    [Fact]
    public void Analyze_TruncatedMpd_ReportsLineOfTheBreak()
    {
        var analysis = DashTestSupport.AnalyzeCorpus("dash/eyevinn-dashmpd__truncated.mpd");

        var finding = Assert.Single(analysis.Findings, f => f.Code == "DASH-XML-NOT-WELL-FORMED");
        Assert.NotNull(finding.Line);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("line", finding.Message, StringComparison.Ordinal);
    }

    private static int CountRepresentations(StreamWatch.Media.Dash.DashManifest manifest)
    {
        var count = 0;
        foreach (var _ in manifest.AllRepresentations())
        {
            count++;
        }

        return count;
    }
}
