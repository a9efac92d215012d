namespace StreamWatch.ServiceDefaults.Metrics;

/// <summary>What <c>/metrics</c> exposes. Bound from the <c>Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section: <c>Metrics</c>.</summary>
    public const string SectionName = "Metrics";

    /// <summary>
    /// Meter names whose instruments are exposed; a name also matches its dotted children
    /// (<c>StreamWatch</c> matches <c>StreamWatch.Probe</c>). Defaults to StreamWatch's own meters and
    /// the built-in ASP.NET Core, Kestrel, HttpClient, DNS and runtime meters. Names configured under
    /// <c>Metrics:Meters</c> are added to these.
    /// </summary>
    public IList<string> Meters { get; init; } =
    [
        "StreamWatch",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
    ];

    /// <summary>
    /// Most series one metric may have; measurements for further tag sets are counted in one
    /// series labelled <c>otel_metric_overflow="true"</c>. Defaults to 2,000.
    /// </summary>
    public int MaxSeriesPerMetric { get; set; } = 2_000;

    /// <summary>The scrape path. Defaults to <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Histogram bucket upper bounds in seconds for <c>s</c> instruments that give no
    /// <c>InstrumentAdvice</c>: 5 ms to 10 s, as OpenTelemetry's HTTP semantic conventions advise.
    /// </summary>
    public static IReadOnlyList<double> DefaultSecondsBoundaries { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>Histogram bucket upper bounds for other units without advice: OpenTelemetry's SDK default.</summary>
    public static IReadOnlyList<double> DefaultBoundaries { get; } = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1_000, 2_500, 5_000, 7_500, 10_000];
}
