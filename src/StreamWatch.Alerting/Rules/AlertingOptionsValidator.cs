using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Alerting.Rules;

/// <summary>Validates the <c>Alerting</c> section.</summary>
public sealed class AlertingOptionsValidator() : SettingsValidator<AlertingOptions>(AlertingOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Validate(AlertingOptions options, SettingErrors errors)
    {
        errors.Positive(nameof(options.EvaluationInterval), options.EvaluationInterval);
        errors.Positive(nameof(options.HealthWindow), options.HealthWindow);
        errors.AtLeast(nameof(options.FlapWindow), options.FlapWindow, TimeSpan.Zero);
    }
}
