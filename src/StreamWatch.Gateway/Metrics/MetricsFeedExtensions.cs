using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Gateway.Forwarding;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.ServiceDefaults.Metrics;
using StreamWatch.ServiceDefaults.Telemetry;

namespace StreamWatch.Gateway.Metrics;

/// <summary>
/// The merged Prometheus feed: <c>GET /metrics</c> (every service, labelled <c>service</c>),
/// <c>GET /metrics/{service}</c> (one service passed through) and <c>GET /metrics/gateway</c> (the
/// gateway's own, served by ServiceDefaults' scrape endpoint, moved there from <c>/metrics</c>).
/// </summary>
public static class MetricsFeedExtensions
{
    /// <summary>The gateway's own exposition.</summary>
    public const string OwnPath = "/metrics/gateway";

    /// <summary>Registers the feed (options from <c>Gateway:Metrics</c>).</summary>
    public static IServiceCollection AddMetricsFeed(this IServiceCollection services)
    {
        services.AddValidatedOptions<MetricsFeedOptions, MetricsFeedOptionsValidator>(MetricsFeedOptions.SectionName);
        services.AddSingleton<MetricsFeed>();

        // /metrics is the merged feed here; the gateway's own exposition moves next to the services'.
        services.PostConfigure<MetricsOptions>(static o =>
        {
            if (o.Path == "/metrics")
            {
                o.Path = OwnPath;
            }
        });
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> and <c>GET /metrics/{service}</c>.</summary>
    public static IEndpointRouteBuilder MapMetricsFeed(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/metrics", static async (HttpContext context, MetricsFeed feed) =>
            {
                var snapshot = await feed.GetAsync().WaitAsync(context.RequestAborted).ConfigureAwait(false);
                context.Response.ContentType = MetricsCollector.ContentType;
                context.Response.Headers.CacheControl = "no-store";
                context.Response.ContentLength = snapshot.Body.Length;
                await context.Response.Body.WriteAsync(snapshot.Body, context.RequestAborted).ConfigureAwait(false);
            })
            .WithDisplayName("Merged Prometheus metrics")
            .DisableHttpMetrics()
            .ExcludeFromTraces()
            .ExcludeFromDescription();

        endpoints.MapGet("/metrics/{service}", static async (HttpContext context, string service, MetricsFeed feed, HttpForwarder forwarder) =>
            {
                var upstream = feed.Find(service);
                if (upstream is null)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Unknown service", $"No metrics source named '{service}' is configured.").ConfigureAwait(false);
                    return;
                }

                await PassThroughAsync(context, upstream, forwarder.Invoker).ConfigureAwait(false);
            })
            .WithDisplayName("One service's Prometheus metrics")
            .DisableHttpMetrics()
            .ExcludeFromTraces()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task PassThroughAsync(HttpContext context, MetricsFeed.Upstream upstream, HttpMessageInvoker invoker)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, upstream.MetricsUri);
            using var response = await invoker.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? MetricsCollector.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await Problems.WriteAsync(context, StatusCodes.Status502BadGateway, "Upstream unavailable", $"The metrics of '{upstream.Name}' could not be fetched ({ex.HttpRequestError}).").ConfigureAwait(false);
        }
    }
}
