using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Apis;

/// <summary>Checks <see cref="StatusApiOptions"/> at start, naming every setting at fault.</summary>
internal sealed class StatusApiOptionsValidator() : SettingsValidator<StatusApiOptions>(StatusApiOptions.SectionName)
{
    protected override void Validate(StatusApiOptions options, SettingErrors errors)
    {
        errors.AtLeast(nameof(options.HistoryLimit), options.HistoryLimit, 1);
        errors.AtLeast(nameof(options.DefaultHistory), options.DefaultHistory, 1);
        errors.AtLeast(nameof(options.ClientQueueCapacity), options.ClientQueueCapacity, 1);
        errors.AtLeast(nameof(options.MaxClients), options.MaxClients, 1);
        errors.Positive(nameof(options.HealthCheckInterval), options.HealthCheckInterval);
        errors.Positive(nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        errors.Positive(nameof(options.ReconnectDelay), options.ReconnectDelay);
    }
}
