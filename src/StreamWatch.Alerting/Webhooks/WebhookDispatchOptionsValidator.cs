using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>Validates <c>Alerting:Webhooks</c>.</summary>
public sealed class WebhookDispatchOptionsValidator() : SettingsValidator<WebhookDispatchOptions>(WebhookDispatchOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Validate(WebhookDispatchOptions options, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        errors.Positive(nameof(options.PollInterval), options.PollInterval);
        errors.AtLeast(nameof(options.HistoryLimit), options.HistoryLimit, 1);
        errors.AtLeast(nameof(options.DeadLetterLimit), options.DeadLetterLimit, 1);
        errors.AtLeast(nameof(options.LeaseDuration), options.LeaseDuration, TimeSpan.FromSeconds(1));
    }
}
