using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace StreamWatch.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry traces, metrics and logs, and structured console logs.</summary>
public static class TelemetryExtensions
{
    /// <summary>The standard variable that turns OTLP export on: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces the built-in ASP.NET Core, HttpClient and DNS ActivitySources and every
    /// <c>StreamWatch.*</c> source. When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or any
    /// configuration layer) traces, metrics (<see cref="TelemetryNames.Meters"/>) and logs are
    /// exported over OTLP, with the other standard <c>OTEL_*</c> settings honoured. The service name
    /// is <c>OTEL_SERVICE_NAME</c>, else the application name. The providers are built with
    /// <c>Sdk.Create…ProviderBuilder()</c>, started with the host and disposed (flushed) with it.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : builder.Environment.ApplicationName;
        var exportOtlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

        if (exportOtlp)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging
                .ConfigureResource(resource => resource.AddService(serviceName))
                .AddOtlpExporter());
        }

        builder.Services.AddSingleton(_ => new TelemetryProviders(
            BuildTracerProvider(configuration, serviceName, exportOtlp),
            exportOtlp ? BuildMeterProvider(configuration, serviceName) : null));
        builder.Services.AddHostedService<TelemetryActivator>();
        return builder;
    }

    /// <summary>
    /// Console logs: one line per event with a UTC ISO 8601 timestamp and scopes (trace and span ids
    /// included). JSON with <c>Logging:Console:FormatterName=json</c>
    /// (<c>Logging__Console__FormatterName=json</c> in the environment). These are the lowest
    /// configuration layer: any <c>Logging:Console:FormatterOptions:*</c> setting overrides them.
    /// </summary>
    public static TBuilder ConfigureStructuredLogging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var defaults = new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        builder.Logging.AddConsole();
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return builder;
    }

    private static TracerProvider BuildTracerProvider(IConfiguration configuration, string serviceName, bool exportOtlp)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            // The SDK reads OTEL_* settings from IConfiguration: give it the host's layered one.
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => resource.AddService(serviceName));
        foreach (var source in TelemetryNames.ActivitySources)
        {
            tracing.AddSource(source);
        }

        if (exportOtlp)
        {
            tracing.AddOtlpExporter();
        }

        return tracing.Build();
    }

    private static MeterProvider BuildMeterProvider(IConfiguration configuration, string serviceName)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => resource.AddService(serviceName));
        foreach (var meter in TelemetryNames.Meters)
        {
            metrics.AddMeter(meter);
        }

        return metrics.AddOtlpExporter().Build();
    }
}
