namespace StreamWatch.Gateway.Metrics;

/// <summary>The merged Prometheus feed at <c>GET /metrics</c>. Bound from <c>Gateway:Metrics</c>.</summary>
public sealed class MetricsFeedOptions
{
    /// <summary>The configuration section: <c>Gateway:Metrics</c>.</summary>
    public const string SectionName = "Gateway:Metrics";

    /// <summary>
    /// Services whose <c>/metrics</c> are merged, each found at Aspire's <c>services:{name}:http:0</c>;
    /// a service with no address configured is left out. Defaults to <c>alerting</c>, <c>probe</c>, <c>lab</c>.
    /// Names configured here replace the defaults.
    /// </summary>
    public IList<string> Services { get; set; } = ["alerting", "probe", "lab"];

    /// <summary>
    /// How long one merged result is served before the next scrape fans out again; scrapes that
    /// arrive during a fan-out share it. Defaults to 1 second.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one service's <c>/metrics</c> may take; a late one counts as down. Defaults to 2 seconds.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest exposition accepted from one service, in bytes; a larger one counts as down. Defaults to 16 MiB.</summary>
    public int MaxUpstreamBytes { get; set; } = 16 * 1024 * 1024;
}
