using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting;

/// <summary>Registers the Alerting service's components.</summary>
public static class AlertingServiceExtensions
{
    /// <summary>
    /// Adds the rule engine (<see cref="IAlertEngine"/>), its options (<c>Alerting</c>, <c>Rules</c>,
    /// validated at start), metrics, the evaluation timer and the webhook dispatcher (<see cref="WebhooksServiceExtensions.AddWebhooks"/>).
    /// </summary>
    public static IHostApplicationBuilder AddAlerting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddValidatedOptions<AlertingOptions, AlertingOptionsValidator>(AlertingOptions.SectionName);

        // rules: is a sequence at the root of the file, which binds to a list rather than to an
        // options class, so it is bound into AlertRulesOptions.Rules here; validation is the same.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlertRulesOptions>, AlertRulesValidator>());
        services.AddOptions<AlertRulesOptions>()
            .Configure<IConfiguration>(static (options, configuration) => configuration.GetSection(AlertRulesOptions.SectionName).Bind(options.Rules))
            .ValidateOnStart();

        // streams: (root list) tells the engine which sources exist before they report.
        services.AddOptions<StreamCatalogOptions>().Bind(builder.Configuration);
        services.TryAddSingleton<AlertingMetrics>();
        services.TryAddSingleton<IAlertEngine, AlertEngine>();
        services.AddHostedService<RuleEvaluationTimer>();
        builder.AddWebhooks();
        return builder;
    }
}
