namespace StreamWatch.Media.Hls;

/// <summary>What one parse produced: exactly one of the two playlists, and the static findings.</summary>
internal sealed record HlsParseResult(HlsMediaPlaylist? Media, HlsMultivariantPlaylist? Multivariant, IReadOnlyList<Finding> Findings);
