using System.Text;
using StreamWatch.Media.Hls;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

/// <summary>Shared helpers: parse text or corpus files the way callers do, through the public entry points.</summary>
internal static class Hls
{
    public static readonly Uri DefaultUrl = new("https://cdn.example/live/stream/index.m3u8");
    public static readonly DateTimeOffset At = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    public static ManifestAnalysis Analyze(string text, Uri? url = null, MediaLimits? limits = null)
        => ManifestAnalyzer.Analyze(Encoding.UTF8.GetBytes(text), url ?? DefaultUrl, At, limits);

    public static HlsMediaAnalysis Media(string text, Uri? url = null, MediaLimits? limits = null)
        => Assert.IsType<HlsMediaAnalysis>(Analyze(text, url, limits));

    public static HlsMultivariantAnalysis Multivariant(string text, Uri? url = null)
        => Assert.IsType<HlsMultivariantAnalysis>(Analyze(text, url));

    public static ManifestAnalysis File(string relative)
    {
        var path = StreamWatch.Testing.Corpus.File(relative);
        var name = Path.GetFileName(path);
        // The HLS entry point directly: ManifestAnalyzer calls an empty body "not a manifest" before HLS sees it.
        return HlsPlaylistParser.Analyze(System.IO.File.ReadAllBytes(path), new Uri("https://cdn.example/corpus/" + name), At);
    }

    public static string[] Codes(IEnumerable<Finding> findings) => findings.Select(f => f.Code).ToArray();

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
