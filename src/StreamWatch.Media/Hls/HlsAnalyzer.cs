namespace StreamWatch.Media.Hls;

/// <summary>HLS side of <see cref="ManifestAnalyzer"/>.</summary>
internal static class HlsAnalyzer
{
    public static ManifestAnalysis Analyze(ReadOnlySpan<byte> content, Uri url, DateTimeOffset observedAt, MediaLimits limits)
        => HlsPlaylistParser.Analyze(content, url, observedAt, limits);

    public static IReadOnlyList<Finding> Compare(ManifestAnalysis previous, ManifestAnalysis current)
        => previous is HlsMediaAnalysis p && current is HlsMediaAnalysis c ? HlsContinuity.Compare(p.Playlist, c.Playlist) : [];

    public static IReadOnlyList<Finding> CrossCheck(ManifestAnalysis multivariant, IReadOnlyList<ManifestAnalysis> renditions)
        => multivariant is HlsMultivariantAnalysis mv ? HlsCrossCheck.Check(mv.Playlist, renditions) : [];
}
