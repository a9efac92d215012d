using System.Globalization;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Probe.Reporting;

/// <summary>Checks <see cref="ReportingOptions"/> at start, naming every key at fault (three sections feed it).</summary>
internal sealed class ReportingOptionsValidator : IValidateOptions<ReportingOptions>
{
    /// <summary>Longest probe id accepted: it is a key in alerting's store.</summary>
    public const int MaxProbeIdLength = 128;

    public ValidateOptionsResult Validate(string? name, ReportingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reporting = new SettingErrors(ReportingOptions.SectionName);
        reporting.AtLeast(nameof(options.BufferSize), options.BufferSize, 16);
        reporting.AtLeast(nameof(options.MaxUnacked), options.MaxUnacked, 16);
        reporting.Positive(nameof(options.ReconnectDelay), options.ReconnectDelay);
        reporting.Positive(nameof(options.HelloTimeout), options.HelloTimeout);
        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            reporting.Add(nameof(options.MaxReconnectDelay), "must be >= Probe:Reporting:ReconnectDelay", options.MaxReconnectDelay);
        }

        var root = new SettingErrors(string.Empty);
        if (string.IsNullOrWhiteSpace(options.ProbeId) || options.ProbeId.Length > MaxProbeIdLength || options.ProbeId.Any(char.IsControl))
        {
            root.Add(ReportingOptions.ProbeIdKey, $"must be 1 to {MaxProbeIdLength} printable characters", options.ProbeId);
        }

        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            root.HttpUrl(string.Create(CultureInfo.InvariantCulture, $"{ReportingOptions.EndpointsSection}:{i}"), options.Endpoints[i]);
        }

        List<string> errors = [.. reporting.Errors, .. root.Errors];
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
