using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Probe.Targets;

/// <summary>Checks <see cref="ProbeOptions"/> at start, naming every setting at fault.</summary>
internal sealed class ProbeOptionsValidator() : SettingsValidator<ProbeOptions>(ProbeOptions.SectionName)
{
    protected override void Validate(ProbeOptions options, SettingErrors errors)
    {
        if (!Enum.IsDefined(options.Segments))
        {
            errors.Add(nameof(options.Segments), "must be newest, all, head or none", options.Segments);
        }

        errors.AtLeast(nameof(options.StaleFactor), options.StaleFactor, 1.0);
        errors.AtLeast(nameof(options.MaxConcurrency), options.MaxConcurrency, 1);
        errors.AtLeast(nameof(options.MaxConcurrencyPerHost), options.MaxConcurrencyPerHost, 1);
        errors.Positive(nameof(options.RequestTimeout), options.RequestTimeout);
        errors.Positive(nameof(options.DiscoveryInterval), options.DiscoveryInterval);
        errors.AtLeast(nameof(options.MaxManifestBytes), options.MaxManifestBytes, 1024);
        errors.AtLeast(nameof(options.MaxSegmentBytes), options.MaxSegmentBytes, 1024);
        errors.InRange(nameof(options.MaxRedirects), options.MaxRedirects, 1, 50);

        errors.Positive(nameof(options.EscalationPeriod), options.EscalationPeriod);
    }
}
