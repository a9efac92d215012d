using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using StreamWatch.Media;
using StreamWatch.Media.Hls;

namespace StreamWatch.Benchmarks.Hls;

/// <summary>
/// HLS parsing throughput and allocations. The 40,000-segment playlists stand in for a long live DVR window;
/// the corpus ones for everyday playlists. Run: <c>dotnet run -c Release --project bench/StreamWatch.Benchmarks -- --filter '*Hls*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HlsParserBenchmarks
{
    private static readonly Uri MediaUrl = new("https://cdn.example/live/final-hindi/720p/index.m3u8");
    private static readonly DateTimeOffset ObservedAt = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    private byte[] _corpusMedia = [];
    private byte[] _corpusMultivariant = [];
    private byte[] _live40kWithDates = [];
    private byte[] _live40k = [];

    /// <summary>Segments in the generated live playlists.</summary>
    public const int LiveSegments = 40_000;

    [GlobalSetup]
    public void Setup()
    {
        _corpusMedia = ReadCorpus("m3u8parser__llhls.m3u8");
        _corpusMultivariant = ReadCorpus("m3u8parser__master-fmp4.m3u8");
        _live40kWithDates = GenerateLive(LiveSegments, withDates: true);
        _live40k = GenerateLive(LiveSegments, withDates: false);
        Console.WriteLine($"// live playlist with PDT: {_live40kWithDates.Length:N0} bytes; without: {_live40k.Length:N0} bytes");
    }

    [Benchmark]
    public int CorpusMedia() => Parse(_corpusMedia);

    [Benchmark]
    public int CorpusMultivariant() => ((HlsMultivariantAnalysis)HlsPlaylistParser.Analyze(_corpusMultivariant, MediaUrl, ObservedAt)).Playlist.Variants.Count;

    [Benchmark]
    public int Live40kSegmentsWithProgramDateTime() => Parse(_live40kWithDates);

    [Benchmark(Baseline = true)]
    public int Live40kSegments() => Parse(_live40k);

    private static int Parse(byte[] content) => ((HlsMediaAnalysis)HlsPlaylistParser.Analyze(content, MediaUrl, ObservedAt)).Playlist.Segments.Count;

    /// <summary>A sliding-window live playlist as packagers write it: 6 s segments, absolute-path URIs with a sequence number.</summary>
    public static byte[] GenerateLive(int segments, bool withDates)
    {
        var b = new StringBuilder(segments * 80);
        b.Append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:1638262\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n");
        b.Append("#EXT-X-MAP:URI=\"init-720p.mp4\"\n");
        var start = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < segments; i++)
        {
            if (withDates)
            {
                b.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(start.AddSeconds(i * 6.006).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append('\n');
            }

            b.Append("#EXTINF:6.006,\n");
            b.Append("seg-").Append(1_638_262 + i).Append(".m4s\n");
        }

        return Encoding.UTF8.GetBytes(b.ToString());
    }

    private static byte[] ReadCorpus(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "corpus", "hls", name);
            if (File.Exists(candidate))
            {
                return File.ReadAllBytes(candidate);
            }
        }

        throw new FileNotFoundException($"Corpus file {name} not found beside the repository (../shared/corpus/hls).");
    }
}
