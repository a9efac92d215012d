namespace StreamWatch.Alerting.Health;

/// <summary>
/// Health of a stream: unknown when no source has recent data, outage when every source with data
/// is in outage, degraded when any source is not operational, else operational.
/// </summary>
/// <param name="Stream">Stream id.</param>
/// <param name="Status">Status.</param>
/// <param name="Sources">Its sources (one per CDN).</param>
public sealed record StreamHealth(string Stream, HealthStatus Status, IReadOnlyList<SourceHealth> Sources)
{
    /// <summary>The polled origin source (<c>Cdn</c> is its reported name, <c>origin</c>); null when none reported. Never one of <see cref="Sources"/>.</summary>
    public SourceHealth? Origin { get; init; }
}
