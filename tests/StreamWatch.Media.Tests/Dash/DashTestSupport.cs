using Xunit;
using StreamWatch.Media.Dash;
using StreamWatch.Testing;

namespace StreamWatch.Media.Tests.Dash;

/// <summary>Shared helpers: analyse corpus files in place or inline MPD text.</summary>
internal static class DashTestSupport
{
    public static readonly DateTimeOffset Epoch = new(2024, 3, 28, 15, 43, 10, TimeSpan.Zero);

    public static DashAnalysis AnalyzeCorpus(string relativePath, DateTimeOffset? at = null, MediaLimits? limits = null)
    {
        var path = Corpus.File(relativePath);
        var bytes = File.ReadAllBytes(path);
        return Analyze(bytes, new Uri("https://cdn.example/live/" + Path.GetFileName(path)), at, limits);
    }

    public static DashAnalysis Analyze(ReadOnlySpan<byte> bytes, Uri? url = null, DateTimeOffset? at = null, MediaLimits? limits = null)
        => Assert.IsType<DashAnalysis>(StreamWatch.Media.Dash.DashAnalyzer.Analyze(
            bytes, url ?? new Uri("https://cdn.example/live/manifest.mpd"), at ?? Epoch, limits ?? MediaLimits.Default));

    public static DashAnalysis AnalyzeText(string mpd, DateTimeOffset? at = null, MediaLimits? limits = null, Uri? url = null)
        => Analyze(System.Text.Encoding.UTF8.GetBytes(mpd), url, at, limits);

    public static string[] Codes(ManifestAnalysis analysis)
    {
        var codes = new string[analysis.Findings.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = analysis.Findings[i].Code;
        }

        return codes;
    }

    public static DashRepresentation Representation(DashAnalysis analysis, string id, int period = 0)
    {
        foreach (var set in analysis.Manifest!.Periods[period].AdaptationSets)
        {
            foreach (var rep in set.Representations)
            {
                if (rep.Id == id)
                {
                    return rep;
                }
            }
        }

        throw new InvalidOperationException($"No representation '{id}' in period {period}.");
    }
}
