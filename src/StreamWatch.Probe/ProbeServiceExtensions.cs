using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamWatch.Probe.Measurement;
using StreamWatch.Probe.Reporting;
using StreamWatch.Probe.Scheduling;
using StreamWatch.Probe.Targets;
using StreamWatch.ServiceDefaults.Configuration;
using StreamWatch.ServiceDefaults.Resilience;

namespace StreamWatch.Probe;

/// <summary>The probe's registrations: one binding point for its configuration, its fetcher, scheduler and sink.</summary>
public static class ProbeServiceExtensions
{
    /// <summary>Adds the probe: targets from <c>streams</c>, settings from <c>probe</c>, both validated at start.</summary>
    public static IHostApplicationBuilder AddProbe(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<ProbeOptions, ProbeOptionsValidator>(ProbeOptions.SectionName);

        // streams is a root-level list, so the root is bound (not a section).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StreamsOptions>, StreamsOptionsValidator>());
        services.AddOptions<StreamsOptions>().Bind(builder.Configuration).ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpFetcher.ClientName, static client =>
            {
                // HttpFetcher applies Probe:RequestTimeout on the injected clock.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("StreamWatch-Probe/1.0");

                // The fetcher decodes itself (bounded, bomb-aware); HTTP/2 where TLS offers it, else HTTP/1.1.
                client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
                client.DefaultRequestVersion = System.Net.HttpVersion.Version20;
                client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            })
            .ConfigurePrimaryHttpMessageHandler(static sp =>
            {
                var settings = sp.GetRequiredService<IOptions<ProbeOptions>>().Value;
                return ProbeConnections.CreateHandler(sp.GetRequiredService<TimeProvider>(), settings.MaxRedirects, settings.RequestTimeout);
            })

            // One handler for the process: rotating it would drop the pool that connection reuse depends on.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveStandardResilience();
        services.AddSingleton<HttpFetcher>();
        services.AddSingleton<ProbeMetrics>();
        services.AddSingleton<IProbeReportSink, ChannelProbeReportSink>();
        services.AddSingleton<SkewTracker>();
        services.AddSingleton<TargetRegistry>();
        services.AddSingleton<ConcurrencyLimiter>();
        services.AddSingleton<LoopTracker>();
        services.AddSingleton<ManifestPoller>();
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService(static sp => sp.GetRequiredService<ProbeScheduler>());
        builder.AddProbeReporting();
        return builder;
    }
}
