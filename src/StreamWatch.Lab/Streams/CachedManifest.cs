namespace StreamWatch.Lab.Streams;

/// <summary>A rendered manifest, kept while the live edge stays at <see cref="Position"/>.</summary>
internal sealed record CachedManifest(LivePosition Position, byte[] Body, DateTimeOffset LastModified);
