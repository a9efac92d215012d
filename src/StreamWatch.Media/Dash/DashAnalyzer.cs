namespace StreamWatch.Media.Dash;

/// <summary>DASH side of <see cref="ManifestAnalyzer"/>. Placeholder until the DASH engine lands.</summary>
internal static class DashAnalyzer
{
    public static ManifestAnalysis Analyze(ReadOnlySpan<byte> content, Uri url, DateTimeOffset observedAt, MediaLimits limits)
        => throw new NotImplementedException();

    public static IReadOnlyList<Finding> Compare(ManifestAnalysis previous, ManifestAnalysis current)
        => throw new NotImplementedException();
}
