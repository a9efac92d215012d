namespace StreamWatch.Media;

/// <summary>
/// Bounds that keep hostile or broken input from costing unbounded memory or time.
/// Input past a limit is not an exception: parsing stops there and a finding says so.
/// </summary>
public sealed record MediaLimits
{
    /// <summary>The defaults: generous for real live streams, small enough to survive hostile servers.</summary>
    public static MediaLimits Default { get; } = new();

    /// <summary>Largest manifest accepted, in bytes; defaults to 16,777,216 (16 MiB).</summary>
    public int MaxManifestBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Longest HLS line accepted, in bytes; defaults to 65,536. Longer lines are skipped with a finding.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>Most segments (HLS) or generated segment references per representation (DASH); defaults to 250,000.</summary>
    public int MaxSegments { get; init; } = 250_000;

    /// <summary>Deepest XML element nesting accepted in an MPD; defaults to 64.</summary>
    public int MaxXmlDepth { get; init; } = 64;

    /// <summary>Most findings kept per document; defaults to 1,000. Further findings are counted in one summary finding.</summary>
    public int MaxFindings { get; init; } = 1_000;
}
