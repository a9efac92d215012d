namespace StreamWatch.Alerting.Health;

/// <summary>Health of one rendition on one CDN.</summary>
/// <param name="Rendition">Rendition id; empty for the multivariant playlist / MPD.</param>
/// <param name="Status">Status.</param>
/// <param name="Score">Score, 0..1; see <see cref="HealthScore"/>; 0 when unknown.</param>
public sealed record RenditionHealth(string Rendition, HealthStatus Status, double Score);
