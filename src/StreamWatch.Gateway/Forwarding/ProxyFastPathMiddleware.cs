using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using StreamWatch.Gateway.Security;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// The first middleware: a request for a proxied route is matched against the precomputed
/// <see cref="ProxyRouteTable"/>, given the same protections the normal pipeline applies
/// (<see cref="RequestGuard"/>: security headers, per-client rate limit, body limit, API key on
/// writes) and forwarded, without endpoint routing, the CORS and rate-limiter middlewares or an
/// <c>OnStarting</c> callback. Everything else (status page, <c>/metrics</c>, health, 404s) and any
/// request the table is not certain about goes on to the normal pipeline, where the proxied routes
/// are still mapped as endpoints and behave as before.
/// </summary>
internal sealed class ProxyFastPathMiddleware(
    RequestDelegate next,
    IOptions<ReverseProxyOptions> options,
    ProxyState state,
    EndpointDataSource endpoints,
    RequestGuard guard,
    HttpForwarder forwarder)
{
    private ProxyRouteTable? _table;

    public Task InvokeAsync(HttpContext context)
    {
        var table = _table ?? BuildTable();
        if (table.IsEmpty)
        {
            return next(context);
        }

        var request = context.Request;
        var route = table.Match(request.Path, request.Method);

        // A cross-origin call (preflight or actual) needs the CORS middleware's answer and headers.
        if (route is null || (guard.CorsConfigured && request.Headers.Origin.Count > 0))
        {
            return next(context);
        }

        // Set up front rather than in OnStarting: the forwarder never copies an upstream's own values
        // of these headers, so nothing can overwrite or loosen them later.
        guard.SetSecurityHeaders(context.Response.Headers);

        if (guard.RateLimited && guard.RateLimit(context) is { } limited)
        {
            return limited;
        }

        return guard.Refuse(context) ?? forwarder.ForwardAsync(context, route.Id, route.Cluster, route.Timeout);
    }

    // Built at the first request, when every endpoint (the status page's too) has been mapped.
    // Two first requests racing build two equal tables; either one is fine.
    private ProxyRouteTable BuildTable()
        => _table = ProxyRouteTable.Build(options.Value, state, endpoints.Endpoints);
}
