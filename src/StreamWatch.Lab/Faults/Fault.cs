namespace StreamWatch.Lab.Faults;

/// <summary>A validated fault, as the store keeps it. Indexes refer to the <see cref="Streams.LabCatalog"/>.</summary>
internal sealed record Fault
{
    public required string Id { get; init; }

    public required FaultKind Kind { get; init; }

    public required int CdnIndex { get; init; }

    public required int StreamIndex { get; init; }

    /// <summary>Ladder index of the rendition, or -1 for the whole stream.</summary>
    public required int RenditionIndex { get; init; }

    public required FaultRequest Request { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ActiveFrom { get; init; }

    /// <summary>When it stops; null while it lasts until deleted.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public FaultTarget Target { get; init; } = FaultTarget.All;

    public int Status { get; init; }

    public double Rate { get; init; } = 1;

    public TimeSpan Delay { get; init; }

    public long BytesPerSecond { get; init; }

    public bool NormalDistribution { get; init; }

    public TimeSpan Min { get; init; }

    public TimeSpan Max { get; init; }

    public TimeSpan Mean { get; init; }

    public TimeSpan StdDev { get; init; }

    public int Segments { get; init; }

    public TimeSpan Offset { get; init; }

    public int Bytes { get; init; }

    /// <summary>Seeded randomness (error rate, jitter, garbage); guarded by itself, faults are rarely hot.</summary>
    public required Random Random { get; init; }

    public bool IsActive(DateTimeOffset now) => now >= ActiveFrom && (ExpiresAt is null || now < ExpiresAt);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } end && now >= end;

    public bool Hits(bool manifest) => Target == FaultTarget.All || (Target == FaultTarget.Manifest) == manifest;

    /// <summary>A uniform draw in [0, 1) from the fault's seeded generator.</summary>
    public double NextDouble()
    {
        lock (Random)
        {
            return Random.NextDouble();
        }
    }

    /// <summary>One jitter delay from the fault's distribution (normal draws are clamped at zero).</summary>
    public TimeSpan NextJitter()
    {
        lock (Random)
        {
            if (!NormalDistribution)
            {
                return Min + ((Max - Min) * Random.NextDouble());
            }

            // Box-Muller: two uniforms give one standard normal.
            var u1 = 1.0 - Random.NextDouble();
            var u2 = Random.NextDouble();
            var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            var delay = Mean + (StdDev * z);
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }
    }
}
