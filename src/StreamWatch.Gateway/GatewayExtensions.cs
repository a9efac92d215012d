using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using StreamWatch.Gateway.Forwarding;
using StreamWatch.Gateway.Metrics;
using StreamWatch.Gateway.Security;

namespace StreamWatch.Gateway;

/// <summary>The gateway's composition root: forwarding, security and the merged metrics feed.</summary>
public static class GatewayExtensions
{
    /// <summary>Registers the gateway's services. Call after <c>AddServiceDefaults()</c>.</summary>
    public static TBuilder AddGateway<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddForwarding();
        builder.Services.AddMetricsFeed();
        builder.Services.AddGatewaySecurity();
        return builder;
    }

    /// <summary>Maps the forwarded routes and the merged metrics feed. Call after <c>UseGatewaySecurity()</c>.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapForwarding();
        app.MapMetricsFeed();
        return app;
    }
}
