using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Store;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.ServiceDefaults.Resilience;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>Registers the webhook dispatcher.</summary>
public static class WebhooksServiceExtensions
{
    /// <summary>The connection string name of Redis (<c>ConnectionStrings:redis</c>, Aspire's name).</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>
    /// Adds the <c>webhooks:</c> receivers (validated at start, naming each key), the dispatcher
    /// (a hosted service draining the Redis outbox into per-receiver queues and delivering them),
    /// its metrics and HttpClient. Uses the registered <see cref="IConnectionMultiplexer"/> and
    /// <see cref="RedisKeyspace"/>, or adds them from <c>ConnectionStrings:redis</c> and
    /// <c>Alerting:Redis:KeyPrefix</c>. Without a Redis connection string the dispatcher stays
    /// idle, and configuring receivers fails start-up.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(RedisConnectionName);
        var hasRedis = !string.IsNullOrWhiteSpace(connectionString);

        // webhooks: is a sequence at the root of the file; bound into WebhooksOptions.Receivers like rules:.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhooksOptions>, WebhooksValidator>());
        services.AddOptions<WebhooksOptions>()
            .Configure<IConfiguration>(static (options, configuration) => configuration.GetSection(WebhooksOptions.SectionName).Bind(options.Receivers))
            .Validate(options => hasRedis || options.Receivers.Count == 0, $"ConnectionStrings:{RedisConnectionName} is required when webhooks are configured (the outbox and delivery queues live in Redis)")
            .ValidateOnStart();
        services.AddValidatedOptions<WebhookDispatchOptions, WebhookDispatchOptionsValidator>(WebhookDispatchOptions.SectionName);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<WebhookMetrics>();
        services.TryAddSingleton<WebhookSignal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertEventSink, WebhookSignal>(static sp => sp.GetRequiredService<WebhookSignal>()));
        services.AddHttpClient(WebhookDispatcher.HttpClientName).RemoveStandardResilience();

        if (hasRedis)
        {
            services.TryAddSingleton(static sp => new RedisKeyspace(sp.GetRequiredService<IConfiguration>()["Alerting:Redis:KeyPrefix"] ?? RedisKeyspace.DefaultPrefix));
            services.TryAddSingleton<IConnectionMultiplexer>(_ =>
            {
                var configuration = ConfigurationOptions.Parse(connectionString!);
                configuration.AbortOnConnectFail = false;

                // Start-up must not hang on a Redis that is away: connect in the background, fail commands fast.
                configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
                configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 2000);
                configuration.ClientName ??= "streamwatch-webhooks";
                return ConnectionMultiplexer.Connect(configuration);
            });
            services.TryAddSingleton<WebhookStore>();
        }

        services.TryAddSingleton<WebhookDispatcher>();
        services.AddHostedService(static sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
