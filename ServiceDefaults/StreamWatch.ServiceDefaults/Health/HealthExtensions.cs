using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StreamWatch.ServiceDefaults.Telemetry;

namespace StreamWatch.ServiceDefaults.Health;

/// <summary>The default health checks and the <c>/health</c> and <c>/alive</c> endpoints.</summary>
public static class HealthExtensions
{
    /// <summary>Readiness: every registered check.</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: only checks tagged <see cref="HealthTags.Live"/>.</summary>
    public const string AlivePath = "/alive";

    /// <summary>
    /// Registers the <c>self</c> check, tagged <see cref="HealthTags.Live"/>, which passes while the
    /// process can answer. Services add their dependency checks (Redis, peers) without that tag,
    /// so a lost dependency makes the service unready but not dead.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", static () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /health</c> (all checks) and <c>GET /alive</c> (checks tagged <c>live</c>) in every
    /// environment: 200 when Healthy or Degraded, 503 when Unhealthy, a JSON body listing each
    /// check. Probe traffic is left out of the HTTP request metrics and of exported traces.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .DisableHttpMetrics()
            .ExcludeFromTraces();
        endpoints.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = static registration => registration.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableHttpMetrics().ExcludeFromTraces();
        return endpoints;
    }
}
