using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.Telemetry;

namespace StreamWatch.ServiceDefaults.Metrics;

/// <summary>Registers the <see cref="MetricsCollector"/> and maps its scrape endpoint.</summary>
public static class MetricsExtensions
{
    /// <summary>
    /// Registers one <see cref="MetricsCollector"/> for the host (options from the <c>Metrics</c>
    /// section), started with the host so no early measurement is missed.
    /// </summary>
    public static TBuilder AddPrometheusMetrics<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMetrics();
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .Validate(o => o.MaxSeriesPerMetric >= 1, "Metrics:MaxSeriesPerMetric must be >= 1")
            .Validate(o => o.Path.StartsWith('/'), "Metrics:Path must start with '/'")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(sp => new MetricsCollector(
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value,
            sp.GetService<IMeterFactory>(),
            sp.GetService<ILogger<MetricsCollector>>()));
        builder.Services.AddHostedService<MetricsCollectorActivator>();
        return builder;
    }

    /// <summary>
    /// Maps <c>GET</c> <paramref name="pattern"/> (default: <see cref="MetricsOptions.Path"/>, <c>/metrics</c>)
    /// to the text exposition format 0.0.4. Scrapes are left out of the HTTP request metrics and of exported traces.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusScrapingEndpoint(this IEndpointRouteBuilder endpoints, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        pattern ??= endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Path;
        return endpoints.MapGet(pattern, static async (HttpContext context, MetricsCollector collector) =>
            {
                ProbeTraffic.Unrecord(); // scrapes stay out of exported traces
                context.Response.ContentType = MetricsCollector.ContentType;
                context.Response.Headers.CacheControl = "no-store";

                // Kestrel's PipeWriter is a pooled IBufferWriter<byte>: render straight into it.
                collector.WriteTo(context.Response.BodyWriter);
                await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            })
            .WithDisplayName("Prometheus metrics")
            .DisableHttpMetrics()
            .ExcludeFromDescription();
    }

    /// <summary>Creates the collector when the host starts rather than at the first scrape.</summary>
    private sealed class MetricsCollectorActivator(MetricsCollector collector) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(collector);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
