using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamWatch.Gateway.Forwarding;
using StreamWatch.Gateway.Metrics;
using StreamWatch.Gateway.Security;

namespace StreamWatch.Gateway;

/// <summary>The gateway's composition root: forwarding, security and the merged metrics feed.</summary>
public static class GatewayExtensions
{
    /// <summary>
    /// The runtime's switch for running socket completions inline on its socket threads; the
    /// gateway's Program.cs sets it to <c>1</c> unless it is set already. When it is <c>1</c>,
    /// <see cref="AddGateway{TBuilder}"/> also lets Kestrel run requests inline on those threads.
    /// </summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Registers the gateway's services. Call after <c>AddServiceDefaults()</c>.</summary>
    public static TBuilder AddGateway<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddForwarding();
        builder.Services.AddMetricsFeed();
        builder.Services.AddGatewaySecurity();

        // No "Server: Kestrel" on every response: it tells a scanner what runs here and buys nothing.
        builder.Services.Configure<KestrelServerOptions>(static kestrel => kestrel.AddServerHeader = false);

        // With inline socket completions (Program.cs), Kestrel runs requests on the socket threads too.
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) == "1")
        {
            builder.Services.Configure<SocketTransportOptions>(static sockets => sockets.UnsafePreferInlineScheduling = true);
        }

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
