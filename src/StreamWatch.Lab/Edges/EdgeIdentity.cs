using Microsoft.Extensions.Primitives;

namespace StreamWatch.Lab.Edges;

/// <summary>How one CDN edge introduces itself, precomputed once.</summary>
internal sealed class EdgeIdentity(string name, TimeSpan cacheTtl)
{
    /// <summary>The origin itself: no edge cache, and it says it is the origin (no Via: nothing proxied it).</summary>
    public static readonly EdgeIdentity Origin = new(Streams.LabCatalog.OriginName, TimeSpan.Zero)
    {
        Server = "StreamWatch-Lab-Origin",
        Via = Microsoft.Extensions.Primitives.StringValues.Empty,
        ServedBy = "origin-1",
    };

    public string Name { get; } = name;

    /// <summary>Manifest cache lifetime at this edge (zero: always fetched from the origin).</summary>
    public TimeSpan CacheTtl { get; } = cacheTtl;

    public StringValues Server { get; private init; } = $"StreamWatch-Lab-Edge ({name})";

    public StringValues Via { get; private init; } = $"1.1 {name}-edge-1 (StreamWatch-Lab)";

    public StringValues ServedBy { get; private init; } = $"{name}-edge-1";
}
