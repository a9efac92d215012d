using System.Diagnostics;
using System.Text;
using StreamWatch.Media.Hls;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

/// <summary>Any byte sequence yields an analysis with findings, never an exception, including every lazy accessor.</summary>
public sealed class HlsRobustnessTests
{
    private const int Seed = 8216;
    private const int Cases = 12_000;

    [Fact]
    public void Analyze_MutatedCorpus_NeverThrows()
    {
        var root = Corpus.RequireRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "hls"), "*.m3u8", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(b => b.Length > 0)
            .ToArray();
        var random = new Random(Seed);
        var small = new MediaLimits { MaxLineBytes = 200, MaxSegments = 5, MaxFindings = 3, MaxManifestBytes = 700 };
        var stopwatch = Stopwatch.StartNew();
        ManifestAnalysis? previous = null;
        var withFindings = 0;

        for (var i = 0; i < Cases; i++)
        {
            var source = sources[random.Next(sources.Length)];
            var mutated = (i % 4) switch
            {
                0 => Truncate(source, random),
                1 => FlipBytes(source, random),
                2 => ShuffleLines(source, random),
                _ => Splice(source, sources[random.Next(sources.Length)], random),
            };
            var limits = i % 10 == 0 ? small : null;
            var url = i % 7 == 0 ? new Uri("https://cdn.example/x/y.m3u8?token=a%20b&v=1") : Hls.DefaultUrl;

            var analysis = HlsPlaylistParser.Analyze(mutated, url, Hls.At, limits, i % 3 == 0 ? new Dictionary<string, string> { ["auth"] = "x" } : null);

            Touch(analysis);
            withFindings += analysis.Findings.Count > 0 ? 1 : 0;
            if (previous is not null)
            {
                _ = ManifestAnalyzer.Compare(previous, analysis);
                _ = ManifestAnalyzer.CrossCheck(previous, [analysis]);
            }

            previous = analysis;
        }

        Assert.True(withFindings > Cases / 2, $"Only {withFindings} of {Cases} mutated playlists produced findings.");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"{Cases} cases took {stopwatch.Elapsed}.");
    }

    public static TheoryData<string> Hostile => new()
    {
        "",
        "\uFEFF",
        "#EXTM3U",
        "#EXTM3U\n#EXT-X-STREAM-INF:\n",
        "#EXTM3U\n#EXTINF:\n\n#EXTINF:-1,\nx\n#EXTINF:1e308,\ny\n#EXTINF:NaN,\nz\n",
        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:99999999999999999999999\n#EXT-X-TARGETDURATION:-5\n#EXTINF:1,\na\n",
        "#EXTM3U\n#EXT-X-BYTERANGE:@\n#EXT-X-BYTERANGE:9223372036854775807@9223372036854775807\n#EXTINF:1,\na\n",
        "#EXTM3U\n#EXT-X-DEFINE:NAME=\"a\",VALUE=\"{$a}\"\n#EXTINF:1,\n{$a}{$\n#EXTINF:1,\n{$}\n",
        "#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI=\"\n#EXT-X-MAP:URI=\"\",BYTERANGE=\"x@y\"\n#EXTINF:1,\n::::\n",
        "#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:0001-01-01T00:00:00+14:00\n#EXTINF:1,\na\n#EXT-X-PROGRAM-DATE-TIME:9999-12-31T23:59:59.9999999-14:00\n#EXTINF:99999999,\nb\n#EXTINF:1,\nc\n",
        "#EXTM3U\n#EXT-X-PART:DURATION=1,URI=\"p\",BYTERANGE=\"5\"\n#EXT-X-SKIP:SKIPPED-SEGMENTS=9223372036854775807\n#EXTINF:1,\na\n",
        "#EXTM3U\n#EXT-X-DATERANGE:ID=\"a\",START-DATE=\"x\",END-DATE=\"2020-01-01T00:00:00Z\",DURATION=-1,END-ON-NEXT=YES\n",
        "#EXTM3U\r\r\r#EXTINF:1,\r\ra\r\n\n\r",
        "#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"a\",URI=\"http://[::1\"\n#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO=\"b\",RESOLUTION=0x\nhttp://[bad\n",
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXTINF:1,\na\n#EXT-X-ENDLIST\n",
        "\0\0\0#EXT\xff\xfe",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Analyze_HostileInput_ReturnsAnalysisWithFindings(string text)
    {
        var analysis = HlsPlaylistParser.Analyze(Encoding.Latin1.GetBytes(text), Hls.DefaultUrl, Hls.At);

        Touch(analysis);
        Assert.NotEmpty(analysis.Findings);
    }

    private static byte[] Truncate(byte[] source, Random random) => source[..random.Next(source.Length + 1)];

    private static byte[] FlipBytes(byte[] source, Random random)
    {
        var copy = (byte[])source.Clone();
        var flips = 1 + random.Next(8);
        ReadOnlySpan<byte> interesting = "#:,=\"@\n\r{}$x-.0 \0\xff"u8;
        for (var i = 0; i < flips; i++)
        {
            var at = random.Next(copy.Length);
            copy[at] = random.Next(2) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
        }

        return copy;
    }

    private static byte[] ShuffleLines(byte[] source, Random random)
    {
        var lines = Encoding.UTF8.GetString(source).Split('\n');
        random.Shuffle(lines);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[] Splice(byte[] a, byte[] b, Random random)
    {
        var cut = random.Next(a.Length + 1);
        var from = random.Next(b.Length + 1);
        return [.. a[..cut], .. b[from..]];
    }

    // Reads everything a caller could read, so lazy materialization (strings, URIs, dates) is exercised too.
    private static void Touch(ManifestAnalysis analysis)
    {
        _ = analysis.Playlists;
        _ = analysis.ChildPlaylists;
        _ = analysis.ReloadInterval;
        foreach (var f in analysis.Findings)
        {
            Assert.False(string.IsNullOrEmpty(f.Code));
        }

        if (analysis is HlsMediaAnalysis media)
        {
            var p = media.Playlist;
            _ = p.TotalDuration;
            _ = p.NewestSegment;
            foreach (var s in p.Segments)
            {
                _ = s.Uri;
                _ = s.Title;
                _ = s.ByteRange?.ToRangeHeader();
                _ = s.ProgramDateTime;
                _ = s.Keys;
                _ = s.Map;
                _ = s.Parts;
                _ = s.MediaSequence;
                _ = s.DiscontinuitySequence;
            }
        }
    }
}
