using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StreamWatch.Gateway.Forwarding;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.Security;

/// <summary>API keys for writes, rate limiting per client, body limits, CORS and security headers.</summary>
public static partial class SecurityExtensions
{
    // The partition of unlimited requests: no client connects from '::', so it never meets a real one.
    private static readonly IPAddress Unlimited = IPAddress.IPv6None;

    /// <summary>Registers the protections configured under <c>Gateway</c>.</summary>
    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        services.AddValidatedOptions<GatewaySecurityOptions, GatewaySecurityOptionsValidator>(GatewaySecurityOptions.SectionName);
        services.AddSingleton<ApiKeyValidator>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewaySecurityOptions>>(static (cors, security) =>
        {
            var origins = security.Value.Cors.AllowedOrigins;
            if (origins.Count > 0)
            {
                cors.AddDefaultPolicy(policy => policy
                    .WithOrigins([.. origins])
                    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                    .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType)
                    .WithExposedHeaders(HeaderNames.RetryAfter));
            }
        });
        services.AddRateLimiter(static _ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewaySecurityOptions>>(static (limiter, security) =>
        {
            var settings = security.Value.RateLimit;
            var window = new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 };

            // Keyed by the connection's IPAddress (one object per connection) and with one factory
            // delegate: taking a permit allocates nothing per request.
            Func<IPAddress, RateLimiter> perClient = _ => new FixedWindowRateLimiter(window);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context =>
                !settings.Enabled || IsExempt(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter(Unlimited)
                    : RateLimitPartition.Get(context.Connection.RemoteIpAddress ?? IPAddress.None, perClient));
            limiter.OnRejected = static (rejected, _) => new ValueTask(RequestGuard.WriteRejectedAsync(rejected.HttpContext, rejected.Lease));
        });
        services.AddSingleton<RequestGuard>();
        return services;
    }

    /// <summary>
    /// Adds, in order: the proxy fast path (<see cref="ProxyFastPathMiddleware"/>, which applies the
    /// same protections to proxied requests itself), routing, CORS, the rate limiter, then security
    /// headers, body limit and API key checks. Call before mapping endpoints.
    /// </summary>
    public static IApplicationBuilder UseGatewaySecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var keys = app.ApplicationServices.GetRequiredService<ApiKeyValidator>();
        if (!keys.HasKeys)
        {
            Log.NoApiKeys(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityExtensions).FullName!));
        }

        // Proxied requests are matched, guarded and forwarded here, ahead of routing; the rest (status
        // page, /metrics, health, 404s, cross-origin calls) take the pipeline below. Routing is placed
        // explicitly so WebApplication does not put it in front of the fast path.
        app.UseMiddleware<ProxyFastPathMiddleware>();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseMiddleware<SecurityMiddleware>();
        return app;
    }

    // Health probes and scrapes come from the platform every few seconds; limiting them would only hide the gateway.
    private static bool IsExempt(PathString path)
        => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/alive", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(7200, LogLevel.Warning, "No API keys configured (gateway:apiKeys): every write request under /api/v1 is refused")]
        public static partial void NoApiKeys(ILogger logger);
    }
}
