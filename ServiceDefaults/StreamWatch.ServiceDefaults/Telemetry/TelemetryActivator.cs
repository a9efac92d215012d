using Microsoft.Extensions.Hosting;

namespace StreamWatch.ServiceDefaults.Telemetry;

/// <summary>Builds the providers when the host starts, so the first request is already traced.</summary>
internal sealed class TelemetryActivator(TelemetryProviders providers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(providers);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
