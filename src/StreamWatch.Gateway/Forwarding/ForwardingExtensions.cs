using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>Registers the forwarder and maps its routes (YARP's <c>AddReverseProxy</c>/<c>MapReverseProxy</c>, in small).</summary>
public static class ForwardingExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ReverseProxyOptions"/> (section <c>ReverseProxy</c>, with the
    /// zero-configuration default), and registers the forwarder and the active health checks.
    /// </summary>
    public static IServiceCollection AddForwarding(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReverseProxyOptions, ReverseProxyOptionsValidator>(ReverseProxyOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<ReverseProxyOptions>, GatewayDefaults>();
        services.AddSingleton<ProxyState>();
        services.AddSingleton<HttpForwarder>();
        services.AddHostedService<ActiveHealthChecker>();
        return services;
    }

    /// <summary>
    /// Maps one endpoint per configured route; each forwards to its cluster. Most proxied requests
    /// never reach these endpoints (<see cref="ProxyFastPathMiddleware"/> forwards them first); they
    /// serve the requests the fast path leaves to routing (cross-origin calls, paths another endpoint
    /// could also match).
    /// </summary>
    public static IEndpointRouteBuilder MapForwarding(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        var state = endpoints.ServiceProvider.GetRequiredService<ProxyState>();
        var forwarder = endpoints.ServiceProvider.GetRequiredService<HttpForwarder>();
        foreach (var (id, route) in options.Routes)
        {
            var cluster = state.Clusters[route.ClusterId!];
            var timeout = route.Timeout;
            var endpoint = endpoints.Map(route.Match.Path!, context => forwarder.ForwardAsync(context, id, cluster, timeout))
                .WithDisplayName($"proxy route {id}")
                .WithMetadata(new ProxyRouteMetadata(id))
                .WithOrder(route.Order);
            if (route.Match.Methods.Count > 0)
            {
                endpoint.WithMetadata(new HttpMethodMetadata([.. route.Match.Methods]));
            }
        }

        return endpoints;
    }
}
