using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using StreamWatch.Media;
using StreamWatch.Media.Dash;

namespace StreamWatch.Benchmarks.Dash;

/// <summary>
/// MPD parsing throughput and allocation: corpus MPDs (multi-period, dynamic timeline, SegmentList) and a generated
/// large live MPD (24 representations sharing a 2,000-entry SegmentTimeline, plus 8 with their own 2,000-entry timelines).
/// <c>Analyze</c> parses, resolves inheritance and validates (segments are computed lazily, not here);
/// <c>AnalyzeAndSummarize</c> also computes every representation's available segments (the playlist summaries);
/// <c>AnalyzeAndExpandUrls</c> also builds every segment's URL, which is the work npm mpd-parser's <c>parse</c> does.
/// </summary>
[MemoryDiagnoser]
public class DashParserBenchmarks
{
    private static readonly Uri Url = new("https://cdn.example/live/manifest.mpd");
    private static readonly DateTimeOffset At = new(2024, 3, 28, 15, 43, 10, TimeSpan.Zero);
    private byte[] _content = [];

    [Params(
        "mpdparser__multiperiod-dynamic.mpd",
        "livesim2__dynamic-timeline-update1.mpd",
        "mpdparser__segmentList.mpd",
        "eyevinn-dashmpd__multi-baseurl.mpd",
        "generated-large-live.mpd")]
    public string Mpd { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _content = Mpd == "generated-large-live.mpd" ? GenerateLargeMpd() : File.ReadAllBytes(Path.Combine(CorpusDash(), Mpd));
        if (ManifestAnalyzer.Analyze(_content, Url, At) is not DashAnalysis { Manifest: not null })
        {
            throw new InvalidOperationException($"{Mpd} did not parse.");
        }
    }

    [Benchmark(Baseline = true)]
    public ManifestAnalysis Analyze() => ManifestAnalyzer.Analyze(_content, Url, At);

    [Benchmark]
    public int AnalyzeAndSummarize() => ManifestAnalyzer.Analyze(_content, Url, At).Playlists.Count;

    /// <summary>What npm mpd-parser's <c>parse</c> does: parse and expand every segment with its resolved URL.</summary>
    [Benchmark]
    public int AnalyzeAndExpandUrls()
    {
        var analysis = (DashAnalysis)ManifestAnalyzer.Analyze(_content, Url, At);
        var segments = 0;
        foreach (var representation in analysis.Manifest!.AllRepresentations())
        {
            segments += analysis.GetSegments(representation).Segments.Count;
        }

        return segments;
    }

    /// <summary>Bytes of the generated MPD (printed by the benchmark setup for throughput figures).</summary>
    public static byte[] GenerateLargeMpd()
    {
        var sb = new StringBuilder(4 << 20);
        sb.Append("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n');
        sb.Append("""<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="dynamic" availabilityStartTime="1970-01-01T00:00:00Z" publishTime="2024-03-28T15:43:10Z" minimumUpdatePeriod="PT2S" minBufferTime="PT2S" timeShiftBufferDepth="PT1H">""").Append('\n');
        sb.Append("""<UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-iso:2014" value="https://time.example/"/>""").Append('\n');
        sb.Append("""<Period id="p0" start="PT0S">""").Append('\n');
        const long Start = 154047647520000 - (2_000L * 180_000) + 720_000;
        sb.Append("""<AdaptationSet contentType="video" mimeType="video/mp4" segmentAlignment="true">""").Append('\n');
        sb.Append("""<SegmentTemplate timescale="90000" media="$RepresentationID$/$Time$.m4s" initialization="$RepresentationID$/init.mp4"><SegmentTimeline>""").Append('\n');
        AppendTimeline(sb, Start, 2_000);
        sb.Append("</SegmentTimeline></SegmentTemplate>\n");
        for (var i = 0; i < 24; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""<Representation id="v{i}" bandwidth="{300_000 + (i * 250_000)}" width="{640 + (i * 32)}" height="{360 + (i * 18)}" frameRate="30000/1001" codecs="avc1.64001f"/>""").Append('\n');
        }

        sb.Append("</AdaptationSet>\n");
        for (var a = 0; a < 8; a++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""<AdaptationSet contentType="audio" mimeType="audio/mp4" lang="l{a}"><Role schemeIdUri="urn:mpeg:dash:role:2011" value="main"/>""").Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"""<Representation id="a{a}" bandwidth="128000" codecs="mp4a.40.2" audioSamplingRate="48000"><SegmentTemplate timescale="90000" media="$RepresentationID$/$Number$.m4s" startNumber="1000"><SegmentTimeline>""").Append('\n');
            AppendTimeline(sb, Start, 2_000);
            sb.Append("</SegmentTimeline></SegmentTemplate></Representation></AdaptationSet>\n");
        }

        sb.Append("</Period>\n</MPD>\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void AppendTimeline(StringBuilder sb, long start, int entries)
    {
        // Alternating durations defeat r-compression, as real audio timelines (1024-sample frames) do.
        sb.Append(CultureInfo.InvariantCulture, $"""<S t="{start}" d="180000"/>""");
        for (var i = 1; i < entries; i++)
        {
            sb.Append(i % 2 == 0 ? """<S d="180000"/>""" : """<S d="179999"/><S d="180001"/>""");
            i += i % 2;
        }

        sb.Append('\n');
    }

    private static string CorpusDash()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamWatch.sln")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "corpus", "dash");
            }
        }

        throw new DirectoryNotFoundException("StreamWatch.sln not found above the benchmark binary; the corpus lives at ../shared/corpus beside it.");
    }
}
