using Microsoft.Extensions.Primitives;

namespace StreamWatch.Lab.Edges;

/// <summary>How one CDN edge introduces itself, precomputed once.</summary>
internal sealed class EdgeIdentity(string name, TimeSpan cacheTtl)
{
    public string Name { get; } = name;

    /// <summary>Manifest cache lifetime at this edge (zero: always fetched from the origin).</summary>
    public TimeSpan CacheTtl { get; } = cacheTtl;

    public StringValues Server { get; } = $"StreamWatch-Lab-Edge ({name})";

    public StringValues Via { get; } = $"1.1 {name}-edge-1 (StreamWatch-Lab)";

    public StringValues ServedBy { get; } = $"{name}-edge-1";
}
