using System.Globalization;

namespace StreamWatch.Lab.Streams;

/// <summary>A rendered manifest, kept while the live edge stays at <see cref="Position"/>.</summary>
internal sealed record CachedManifest(LivePosition Position, byte[] Body, DateTimeOffset LastModified)
{
    /// <summary>A strong validator: FNV-1a (64-bit) of the body, computed once per render.</summary>
    public string ETag { get; } = Fingerprint(Body);

    private static string Fingerprint(ReadOnlySpan<byte> body)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in body)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return string.Create(CultureInfo.InvariantCulture, $"\"{hash:x16}\"");
    }
}
