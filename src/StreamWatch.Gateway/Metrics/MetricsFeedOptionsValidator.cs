using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.Metrics;

/// <summary>Checks <c>Gateway:Metrics</c> at start.</summary>
internal sealed class MetricsFeedOptionsValidator() : SettingsValidator<MetricsFeedOptions>(MetricsFeedOptions.SectionName)
{
    protected override void Validate(MetricsFeedOptions options, SettingErrors errors)
    {
        errors.Positive(nameof(options.CacheDuration), options.CacheDuration);
        errors.Positive(nameof(options.UpstreamTimeout), options.UpstreamTimeout);
        errors.AtLeast(nameof(options.MaxUpstreamBytes), options.MaxUpstreamBytes, 1024);
        for (var i = 0; i < options.Services.Count; i++)
        {
            var name = options.Services[i];
            if (string.IsNullOrWhiteSpace(name) || name.Equals(MetricsFeed.GatewayService, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Services:{i}", $"must be a service name other than '{MetricsFeed.GatewayService}'", name);
            }
        }
    }
}
