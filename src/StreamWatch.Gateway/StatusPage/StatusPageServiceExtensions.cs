using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.ServiceDefaults.Resilience;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>Registers the producers' status page.</summary>
public static class StatusPageServiceExtensions
{
    /// <summary>
    /// Adds the status page: options (<c>StatusPage</c>, validated at start), the renderer, the
    /// embedded assets and <see cref="StatusRelay"/> (a hosted service holding the one upstream
    /// subscription to alerting at <c>services:alerting:http:0</c>).
    /// </summary>
    public static IHostApplicationBuilder AddStatusPage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddValidatedOptions<StatusPageOptions, StatusPageOptionsValidator>(StatusPageOptions.SectionName);
        services.TryAddSingleton<StatusAssets>();
        services.TryAddSingleton<StatusPageRenderer>();
        services.TryAddSingleton<StatusRelay>();
        services.AddHostedService(static sp => sp.GetRequiredService<StatusRelay>());

        // The event stream lives for hours: no total timeout, no retries (the relay reconnects itself).
        services.AddHttpClient(StatusRelay.EventsClient, static client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveStandardResilience();
        services.AddHttpClient(StatusRelay.ApiClient);
        return builder;
    }
}
