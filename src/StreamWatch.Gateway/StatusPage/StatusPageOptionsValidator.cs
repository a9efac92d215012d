using Microsoft.Extensions.Options;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>Checks <see cref="StatusPageOptions"/> at start, naming every setting at fault.</summary>
internal sealed class StatusPageOptionsValidator : IValidateOptions<StatusPageOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusPageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.ReconnectMinDelay), options.ReconnectMinDelay);
        Positive(errors, nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay);
        Positive(errors, nameof(options.UpstreamIdleTimeout), options.UpstreamIdleTimeout);
        Positive(errors, nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        Positive(errors, nameof(options.ClientRetry), options.ClientRetry);
        Positive(errors, nameof(options.HistoryRefreshInterval), options.HistoryRefreshInterval);
        Positive(errors, nameof(options.FirstPaintWait), options.FirstPaintWait);
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add($"{StatusPageOptions.SectionName}:ReconnectMaxDelay must be >= ReconnectMinDelay ({options.ReconnectMinDelay}) (was {options.ReconnectMaxDelay}).");
        }

        foreach (var (setting, value) in new[] { (nameof(options.ClientQueueCapacity), options.ClientQueueCapacity), (nameof(options.MaxClients), options.MaxClients), (nameof(options.HistoryEntries), options.HistoryEntries) })
        {
            if (value <= 0)
            {
                errors.Add($"{StatusPageOptions.SectionName}:{setting} must be > 0 (was {value}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{StatusPageOptions.SectionName}:{setting} must be > 00:00:00 (was {value}).");
        }
    }
}
