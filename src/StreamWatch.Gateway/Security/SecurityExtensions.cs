using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.Security;

/// <summary>API keys for writes, rate limiting per client, body limits, CORS and security headers.</summary>
public static partial class SecurityExtensions
{
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
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !settings.Enabled || IsExempt(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0 }));
            limiter.OnRejected = static (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", $"This client sent too many requests; try again in {seconds} s."));
            };
        });
        return services;
    }

    /// <summary>
    /// Adds, in order: security headers, body limit and API key checks; CORS; the rate limiter.
    /// Call before mapping endpoints.
    /// </summary>
    public static IApplicationBuilder UseGatewaySecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var keys = app.ApplicationServices.GetRequiredService<ApiKeyValidator>();
        if (!keys.HasKeys)
        {
            Log.NoApiKeys(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityExtensions).FullName!));
        }

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
