using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Apis;

/// <summary>Registers what <see cref="StatusApi.MapStatusApi"/> needs.</summary>
public static class StatusApiServiceExtensions
{
    /// <summary>
    /// Adds the status API: its options (<c>StatusApi</c>, validated at start), the stream names of
    /// the <c>streams:</c> section, the event-stream hub (a hosted service fed as an
    /// <see cref="IAlertEventSink"/>), camelCase source-generated JSON, problem details, and an
    /// in-memory <see cref="IAlertHistory"/> unless one (the Redis store's) is registered.
    /// </summary>
    public static IHostApplicationBuilder AddStatusApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<StatusApiOptions, StatusApiOptionsValidator>(StatusApiOptions.SectionName);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(static json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, StatusJsonContext.Default));

        services.TryAddSingleton<StreamDirectory>();
        services.TryAddSingleton<StatusSnapshotBuilder>();
        services.TryAddSingleton<IncidentBook>();
        services.TryAddSingleton<StatusEventFeed>();
        services.TryAddSingleton<StatusEventHub>();
        services.AddHostedService(static sp => sp.GetRequiredService<StatusEventHub>());
        services.TryAddSingleton<IAlertHistory, InMemoryAlertHistory>();

        // Sinks are resolved by the engine; they must not depend on it (the hub does, the feed does not).
        services.AddSingleton<IAlertEventSink>(static sp => sp.GetRequiredService<IncidentBook>());
        services.AddSingleton<IAlertEventSink>(static sp => sp.GetRequiredService<StatusEventFeed>());
        services.AddSingleton<IAlertEventSink, InMemoryHistorySink>();
        return builder;
    }
}
