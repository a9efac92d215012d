namespace StreamWatch.Media.Hls;

/// <summary>
/// Parses HLS playlists (RFC 8216bis, protocol version 12) from raw UTF-8 bytes. Use this instead of
/// <see cref="ManifestAnalyzer.Analyze"/> when a media playlist must IMPORT variables from its multivariant playlist.
/// Never throws for any content; problems become findings.
/// </summary>
public static class HlsPlaylistParser
{
    /// <summary>Parses and validates one playlist, returning an <see cref="HlsMediaAnalysis"/> or <see cref="HlsMultivariantAnalysis"/>.</summary>
    /// <param name="content">The body as received.</param>
    /// <param name="url">Where it came from; relative URIs resolve against it and QUERYPARAM variables come from its query.</param>
    /// <param name="observedAt">When it was received.</param>
    /// <param name="limits">Size bounds; <see cref="MediaLimits.Default"/> when null.</param>
    /// <param name="parentVariables">The multivariant playlist's variables (<see cref="HlsMultivariantPlaylist.Variables"/>) for EXT-X-DEFINE:IMPORT.</param>
    public static ManifestAnalysis Analyze(
        ReadOnlySpan<byte> content,
        Uri url,
        DateTimeOffset observedAt,
        MediaLimits? limits = null,
        IReadOnlyDictionary<string, string>? parentVariables = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var result = HlsParser.Parse(content, url, limits ?? MediaLimits.Default, parentVariables);
        return result.Multivariant is { } mv
            ? new HlsMultivariantAnalysis(mv, result.Findings, observedAt)
            : new HlsMediaAnalysis(result.Media!, result.Findings, observedAt);
    }
}
