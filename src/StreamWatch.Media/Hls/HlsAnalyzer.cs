namespace StreamWatch.Media.Hls;

/// <summary>HLS side of <see cref="ManifestAnalyzer"/>. Placeholder until the HLS engine lands.</summary>
internal static class HlsAnalyzer
{
    public static ManifestAnalysis Analyze(ReadOnlySpan<byte> content, Uri url, DateTimeOffset observedAt, MediaLimits limits)
        => throw new NotImplementedException();

    public static IReadOnlyList<Finding> Compare(ManifestAnalysis previous, ManifestAnalysis current)
        => throw new NotImplementedException();

    public static IReadOnlyList<Finding> CrossCheck(ManifestAnalysis multivariant, IReadOnlyList<ManifestAnalysis> renditions)
        => throw new NotImplementedException();
}
