using System.Diagnostics;
using System.Text;
using StreamWatch.Media.Dash;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Dash;

/// <summary>
/// Hostile-input robustness: corpus MPDs truncated, bit-flipped, with attribute values replaced by hostile ones and
/// elements cut or repeated. Every case must analyse (and compute segments, and compare) without an exception.
/// </summary>
public sealed class DashRobustnessTests
{
    private const int Seed = 20261121;
    private const int CasesPerFile = 400;

    private static readonly string[] HostileValues =
    [
        "", "0", "-1", "-2", "1", "18446744073709551616", "9223372036854775807", "-9223372036854775808", "INF", "NaN", "1e308",
        "P", "PT", "P99999999999Y", "PT0.0000001S", "PT-1S", "2024-02-30T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00-14:00",
        "$Number%0999d$", "$Time$$Number$", "$", "$$$", "%", "http://[::1", "../../../../etc/passwd", "\u0000", "dynamic", "static",
        "0-", "5-1", "a-b", "30000/0", "0/0", "x".PadRight(300, 'x'),
    ];

    [Fact]
    public void Analyze_MutatedCorpus_NeverThrowsAndStaysFast()
    {
        var root = Corpus.RequireRoot();
        var files = Directory.GetFiles(Path.Combine(root, "dash"))
            .Where(f => !f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(files);
        var random = new Random(Seed);
        var limits = new MediaLimits { MaxSegments = 500, MaxFindings = 200 };
        var url = new Uri("https://cdn.example/live/manifest.mpd");
        var at = new DateTimeOffset(2024, 3, 28, 15, 43, 10, TimeSpan.Zero);
        var stopwatch = Stopwatch.StartNew();
        var cases = 0;
        var withFindings = 0;
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(file);
            var baseline = ManifestAnalyzer.Analyze(original, url, at, limits);
            for (var i = 0; i < CasesPerFile; i++)
            {
                var mutated = Mutate(original, random);
                var analysis = Assert.IsType<DashAnalysis>(StreamWatch.Media.Dash.DashAnalyzer.Analyze(mutated, url, at, limits));
                Assert.DoesNotContain(analysis.Findings, f => f.Code == "DASH-INTERNAL-ERROR");
                Assert.True(analysis.Findings.Count <= limits.MaxFindings + 1);
                _ = analysis.Playlists.Count;
                if (analysis.Manifest is { } manifest)
                {
                    foreach (var rep in manifest.AllRepresentations())
                    {
                        var window = analysis.GetSegments(rep, at.AddSeconds(i));
                        Assert.True(window.Segments.Count <= limits.MaxSegments);
                    }

                    _ = analysis.GetLiveEdge(at);
                }

                _ = ManifestAnalyzer.Compare(baseline, analysis);
                _ = ManifestAnalyzer.Compare(analysis, baseline);
                withFindings += analysis.Findings.Count > 0 ? 1 : 0;
                cases++;
            }
        }

        Assert.True(cases >= 10_000, $"only {cases} cases");
        Assert.True(withFindings > cases / 2, $"only {withFindings} of {cases} mutated inputs produced findings");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Analyze_RandomBytes_NeverThrows()
    {
        var random = new Random(Seed);
        var buffer = new byte[512];
        for (var i = 0; i < 1_000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(buffer.Length);
            var analysis = StreamWatch.Media.Dash.DashAnalyzer.Analyze(buffer.AsSpan(0, length), new Uri("https://cdn.example/x.mpd"), DateTimeOffset.UnixEpoch, MediaLimits.Default);

            Assert.NotEmpty(analysis.Findings);
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        switch (random.Next(5))
        {
            case 0: // truncation
                return original[..random.Next(original.Length + 1)];
            case 1: // byte flips
                {
                    var copy = (byte[])original.Clone();
                    for (var n = random.Next(1, 8); n > 0 && copy.Length > 0; n--)
                    {
                        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return copy;
                }

            case 2: // attribute value replaced by a hostile one
                {
                    var text = Encoding.UTF8.GetString(original);
                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        text = ReplaceAttributeValue(text, random);
                    }

                    return Encoding.UTF8.GetBytes(text);
                }

            case 3: // an element cut out or repeated
                {
                    var text = Encoding.UTF8.GetString(original);
                    var start = text.IndexOf('<', random.Next(Math.Max(1, text.Length)));
                    if (start < 0)
                    {
                        return original;
                    }

                    var end = text.IndexOf('>', start);
                    if (end < 0)
                    {
                        return original;
                    }

                    var tag = text[start..(end + 1)];
                    return Encoding.UTF8.GetBytes(random.Next(2) == 0
                        ? text.Remove(start, tag.Length)
                        : text.Insert(start, string.Concat(Enumerable.Repeat(tag, random.Next(2, 40)))));
                }

            default: // splice two random positions (reordering chunks)
                {
                    if (original.Length < 4)
                    {
                        return original;
                    }

                    var a = random.Next(original.Length);
                    var b = random.Next(original.Length);
                    var (lo, hi) = a < b ? (a, b) : (b, a);
                    return [.. original[hi..], .. original[lo..hi], .. original[..lo]];
                }
        }
    }

    private static string ReplaceAttributeValue(string text, Random random)
    {
        var eq = text.IndexOf("=\"", random.Next(Math.Max(1, text.Length)), StringComparison.Ordinal);
        if (eq < 0)
        {
            return text;
        }

        var close = text.IndexOf('"', eq + 2);
        if (close < 0)
        {
            return text;
        }

        var value = HostileValues[random.Next(HostileValues.Length)];
        return string.Concat(text.AsSpan(0, eq + 2), System.Security.SecurityElement.Escape(value), text.AsSpan(close));
    }
}
