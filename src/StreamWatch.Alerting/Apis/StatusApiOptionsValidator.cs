using Microsoft.Extensions.Options;

namespace StreamWatch.Alerting.Apis;

/// <summary>Checks <see cref="StatusApiOptions"/> at start, naming every setting at fault.</summary>
internal sealed class StatusApiOptionsValidator : IValidateOptions<StatusApiOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.HistoryLimit), options.HistoryLimit);
        Positive(errors, nameof(options.DefaultHistory), options.DefaultHistory);
        Positive(errors, nameof(options.ClientQueueCapacity), options.ClientQueueCapacity);
        Positive(errors, nameof(options.MaxClients), options.MaxClients);
        Positive(errors, nameof(options.HealthCheckInterval), options.HealthCheckInterval);
        Positive(errors, nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        Positive(errors, nameof(options.ReconnectDelay), options.ReconnectDelay);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string setting, int value)
    {
        if (value <= 0)
        {
            errors.Add($"{StatusApiOptions.SectionName}:{setting} must be > 0 (was {value}).");
        }
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{StatusApiOptions.SectionName}:{setting} must be > 00:00:00 (was {value}).");
        }
    }
}
