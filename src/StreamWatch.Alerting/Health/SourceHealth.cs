namespace StreamWatch.Alerting.Health;

/// <summary>Health of a stream on one CDN.</summary>
/// <param name="Cdn">CDN name.</param>
/// <param name="Status">Status: unknown when no rendition has recent data, else by <paramref name="Score"/>.</param>
/// <param name="Score">The worst score of its renditions with data, 0..1.</param>
/// <param name="Renditions">Its renditions.</param>
public sealed record SourceHealth(string Cdn, HealthStatus Status, double Score, IReadOnlyList<RenditionHealth> Renditions);
