using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace StreamWatch.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the OpenTelemetry providers in place of OpenTelemetry.Extensions.Hosting (not served here):
/// a DI singleton, so the container disposes (flushes and shuts down) them with the host.
/// </summary>
public sealed class TelemetryProviders(TracerProvider tracerProvider, MeterProvider? meterProvider) : IDisposable
{
    /// <summary>The tracer provider; always present so activities carry trace ids into logs.</summary>
    public TracerProvider TracerProvider { get; } = tracerProvider;

    /// <summary>The meter provider; present only when metrics are exported over OTLP (<c>/metrics</c> does not need it).</summary>
    public MeterProvider? MeterProvider { get; } = meterProvider;

    /// <inheritdoc />
    public void Dispose()
    {
        MeterProvider?.Dispose();
        TracerProvider.Dispose();
    }
}
