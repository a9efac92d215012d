using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Probe.Reporting;

/// <summary>Registers the report sink and the publisher that streams it to alerting.</summary>
public static class ReportingServiceExtensions
{
    /// <summary>
    /// Adds <see cref="IProbeReportSink"/> and the gRPC publisher: settings from <c>Probe:Reporting</c>, the probe id from
    /// <c>Probe:Id</c>, endpoints from <c>services:alerting:grpc:0..N</c>; validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddProbeReporting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<ReportingOptions>(ReportingOptions.SectionName)
            .Configure<IConfiguration>(static (options, configuration) =>
            {
                options.ProbeId = configuration[ReportingOptions.ProbeIdKey] ?? Environment.MachineName.ToLowerInvariant() + "-probe";
                options.Endpoints.Clear();
                var children = configuration.GetSection(ReportingOptions.EndpointsSection).GetChildren()
                    .Select(static c => (Index: int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue, c.Value))
                    .OrderBy(static c => c.Index);
                foreach (var (_, value) in children)
                {
                    options.Endpoints.Add(value ?? string.Empty);
                }
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportingOptions>, ReportingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProbeReportSink, ChannelProbeReportSink>();
        services.AddSingleton<ReportingMetrics>();
        services.AddSingleton<ReportPublisher>();
        services.AddHostedService(static sp => sp.GetRequiredService<ReportPublisher>());
        return builder;
    }
}
