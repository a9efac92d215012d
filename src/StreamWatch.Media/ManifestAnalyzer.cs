using StreamWatch.Media.Dash;
using StreamWatch.Media.Hls;

namespace StreamWatch.Media;

/// <summary>
/// The one entry point for analysing manifests: detects HLS or DASH, parses, validates,
/// and compares successive snapshots of the same live manifest.
/// Never throws for any input bytes; problems are reported as <see cref="Finding"/>s.
/// </summary>
public static class ManifestAnalyzer
{
    // Enough to see past a BOM, an XML declaration and leading comments without scanning a whole body.
    private const int SniffBytes = 4096;

    /// <summary>Tells HLS from DASH by content (never by file extension, which servers get wrong).</summary>
    public static ManifestKind Detect(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, SniffBytes)];
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        if (head.StartsWith("#EXTM3U"u8))
        {
            return ManifestKind.HlsMedia;
        }

        if (head.StartsWith("<"u8))
        {
            return head.IndexOf("<MPD"u8) >= 0 || head.IndexOf(":MPD"u8) >= 0 ? ManifestKind.Dash : ManifestKind.Unknown;
        }

        // A playlist that lost its #EXTM3U header is still a playlist with an error, not "not a playlist".
        return head.IndexOf("#EXT"u8) >= 0 ? ManifestKind.HlsMedia : ManifestKind.Unknown;
    }

    /// <summary>Parses and validates one manifest document.</summary>
    /// <param name="content">The raw body as received.</param>
    /// <param name="url">Where it came from; relative URIs resolve against it.</param>
    /// <param name="observedAt">When it was received; DASH segment availability is computed for this instant.</param>
    /// <param name="limits">Size bounds; <see cref="MediaLimits.Default"/> when null.</param>
    public static ManifestAnalysis Analyze(ReadOnlySpan<byte> content, Uri url, DateTimeOffset observedAt, MediaLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        limits ??= MediaLimits.Default;
        return Detect(content) switch
        {
            ManifestKind.Dash => DashAnalyzer.Analyze(content, url, observedAt, limits),
            ManifestKind.HlsMedia or ManifestKind.HlsMultivariant => HlsAnalyzer.Analyze(content, url, observedAt, limits),
            _ => new UnrecognizedManifest(url, observedAt),
        };
    }

    /// <summary>
    /// Continuity findings (<c>LIVE-</c> codes) between two successive snapshots of the same
    /// HLS media playlist or the same MPD. Snapshots of different kinds yield no findings.
    /// </summary>
    public static IReadOnlyList<Finding> Compare(ManifestAnalysis previous, ManifestAnalysis current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (previous.Kind != current.Kind)
        {
            return [];
        }

        return current.Kind switch
        {
            ManifestKind.HlsMedia => HlsAnalyzer.Compare(previous, current),
            ManifestKind.Dash => DashAnalyzer.Compare(previous, current),
            _ => [],
        };
    }

    /// <summary>
    /// Findings across the media playlists of one multivariant playlist: target durations,
    /// discontinuity counts, program-date-time alignment and media-sequence skew.
    /// </summary>
    public static IReadOnlyList<Finding> CrossCheck(ManifestAnalysis multivariant, IReadOnlyList<ManifestAnalysis> renditions)
    {
        ArgumentNullException.ThrowIfNull(multivariant);
        ArgumentNullException.ThrowIfNull(renditions);
        return multivariant.Kind == ManifestKind.HlsMultivariant ? HlsAnalyzer.CrossCheck(multivariant, renditions) : [];
    }
}
