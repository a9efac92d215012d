using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.ServiceDefaults.Health;

namespace StreamWatch.Alerting.Store;

/// <summary>Registers the Redis alert store.</summary>
public static class StoreServiceExtensions
{
    /// <summary>
    /// Adds the Redis store (<c>ConnectionStrings:redis</c>, required; <c>Alerting:HistoryLimit</c>,
    /// <c>Alerting:Redis:*</c>): the engine's events are committed to Redis, state is restored at
    /// start, stream leases are held, <see cref="IAlertHistory"/> reads Redis (replacing any other
    /// registration), and the <c>redis</c> health check (tag <c>dependency</c>) joins <c>/health</c>.
    /// Call after or before <c>AddAlerting</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAlertStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<AlertStoreOptions, AlertStoreOptionsValidator>(AlertStoreOptions.SectionName);
        services.TryAddSingleton<RedisConnection>();

        // One connection and one keyspace for the whole service: the webhook dispatcher's own
        // registrations (for hosts without the store) give way to the store's, in either order.
        services.RemoveAll<RedisKeyspace>();
        services.AddSingleton(static sp => sp.GetRequiredService<RedisConnection>().Keys);
        services.RemoveAll<IConnectionMultiplexer>();
        services.AddSingleton<IConnectionMultiplexer>(static sp => sp.GetRequiredService<RedisConnection>().Multiplexer);
        services.TryAddSingleton<AlertStoreWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertEventSink, AlertStoreWriter>(static sp => sp.GetRequiredService<AlertStoreWriter>()));
        services.TryAddSingleton<IAlertStateRestore>(static sp => (IAlertStateRestore)sp.GetRequiredService<IAlertEngine>());

        // The in-memory history a status-only host registers (TryAdd) gives way to Redis, whichever registers first.
        services.RemoveAll<IAlertHistory>();
        services.AddSingleton<IAlertHistory, RedisAlertHistory>();
        services.AddHostedService<AlertStoreService>();
        services.AddHealthChecks().AddCheck<AlertStoreHealthCheck>("redis", tags: [HealthTags.Dependency]);
        return builder;
    }
}
