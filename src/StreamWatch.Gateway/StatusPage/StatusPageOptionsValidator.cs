using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>Checks <see cref="StatusPageOptions"/> at start, naming every setting at fault.</summary>
internal sealed class StatusPageOptionsValidator() : SettingsValidator<StatusPageOptions>(StatusPageOptions.SectionName)
{
    protected override void Validate(StatusPageOptions options, SettingErrors errors)
    {
        errors.Positive(nameof(options.ReconnectMinDelay), options.ReconnectMinDelay);
        errors.Positive(nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay);
        errors.Positive(nameof(options.UpstreamIdleTimeout), options.UpstreamIdleTimeout);
        errors.Positive(nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        errors.Positive(nameof(options.ClientRetry), options.ClientRetry);
        errors.Positive(nameof(options.HistoryRefreshInterval), options.HistoryRefreshInterval);
        errors.Positive(nameof(options.FirstPaintWait), options.FirstPaintWait);
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add(nameof(options.ReconnectMaxDelay), $"must be >= ReconnectMinDelay ({options.ReconnectMinDelay:c})", options.ReconnectMaxDelay);
        }

        errors.AtLeast(nameof(options.ClientQueueCapacity), options.ClientQueueCapacity, 1);
        errors.AtLeast(nameof(options.MaxClients), options.MaxClients, 1);
        errors.AtLeast(nameof(options.HistoryEntries), options.HistoryEntries, 1);
    }
}
