using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.ServiceDefaults.Health;
using StreamWatch.ServiceDefaults.Metrics;
using StreamWatch.ServiceDefaults.Resilience;
using StreamWatch.ServiceDefaults.Telemetry;

namespace StreamWatch.ServiceDefaults;

/// <summary>
/// What every StreamWatch service does the same way (eShop's ServiceDefaults): configuration
/// layering, structured logs, OpenTelemetry, health checks, Prometheus metrics and resilient
/// outgoing HTTP. A service's Program.cs calls <see cref="AddServiceDefaults{TBuilder}"/> after
/// creating its builder and <see cref="MapDefaultEndpoints"/> after building the app.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Applies, in order: <see cref="StreamWatchConfigurationExtensions.AddStreamWatchConfiguration{TBuilder}"/>,
    /// <see cref="TelemetryExtensions.ConfigureStructuredLogging{TBuilder}"/>,
    /// <see cref="TelemetryExtensions.ConfigureOpenTelemetry{TBuilder}"/>,
    /// <see cref="HealthExtensions.AddDefaultHealthChecks{TBuilder}"/>,
    /// <see cref="MetricsExtensions.AddPrometheusMetrics{TBuilder}"/>, and standard resilience
    /// (<see cref="ResilienceExtensions.AddStandardResilience"/>) for every IHttpClientFactory client.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStreamWatchConfiguration();
        builder.ConfigureStructuredLogging();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddPrometheusMetrics();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpClientDefaults(static http => http.AddStandardResilience());
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every check), <c>/alive</c> (liveness: checks tagged
    /// <c>live</c>) and <c>/metrics</c> (Prometheus text format 0.0.4), in every environment.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
