using StreamWatch.Media;

namespace StreamWatch.Cli.Check;

/// <summary>What <c>streamwatch check</c> found about one manifest and, for a multivariant playlist, its children.</summary>
/// <param name="Url">The input as fetched (after redirects).</param>
/// <param name="Kind">What the input turned out to be.</param>
/// <param name="Playlists">Every media playlist or representation seen, in the manifest's order.</param>
/// <param name="Findings">Findings about the input, each child, and the children across each other.</param>
internal sealed record CheckReport(Uri Url, ManifestKind Kind, IReadOnlyList<PlaylistSummary> Playlists, IReadOnlyList<Finding> Findings)
{
    /// <summary>True when any finding has severity error (exit code 1).</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}
