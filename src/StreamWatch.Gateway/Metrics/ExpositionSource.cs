namespace StreamWatch.Gateway.Metrics;

/// <summary>One service's exposition (Prometheus text format 0.0.4) as input to <see cref="ExpositionMerger"/>.</summary>
/// <param name="Text">The UTF-8 exposition text.</param>
/// <param name="ServiceLabel">
/// The label pair added to every sample, UTF-8 without braces: <c>service="alerting"</c>
/// (see <see cref="ExpositionMerger.ServiceLabel"/>); null copies samples unchanged.
/// </param>
public readonly record struct ExpositionSource(ReadOnlyMemory<byte> Text, byte[]? ServiceLabel);
