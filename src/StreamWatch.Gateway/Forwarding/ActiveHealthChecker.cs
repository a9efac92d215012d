using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Probes every destination of clusters with <c>HealthCheck:Active:Enabled</c> at its interval
/// (<c>GET {Address}{Path}</c>, 2xx in time = healthy), ejecting failing destinations and returning
/// them when a probe passes again.
/// </summary>
internal sealed partial class ActiveHealthChecker(ProxyState state, HttpForwarder forwarder, TimeProvider time, ILogger<ActiveHealthChecker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        foreach (var cluster in state.Clusters.Values)
        {
            if (cluster.Config.HealthCheck.Active.Enabled)
            {
                loops.Add(RunAsync(cluster, stoppingToken));
            }
        }

        return Task.WhenAll(loops);
    }

    private async Task RunAsync(ClusterState cluster, CancellationToken stoppingToken)
    {
        var config = cluster.Config.HealthCheck.Active;
        using var timer = new PeriodicTimer(config.Interval, time);
        var probes = new Task[cluster.Destinations.Count];
        try
        {
            do
            {
                for (var i = 0; i < probes.Length; i++)
                {
                    probes[i] = ProbeAsync(cluster, cluster.Destinations[i], config, stoppingToken);
                }

                await Task.WhenAll(probes).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task ProbeAsync(ClusterState cluster, DestinationState destination, ActiveHealthCheckConfig config, CancellationToken stoppingToken)
    {
        bool healthy;
        string outcome;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(config.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(destination.AddressText + config.Path, UriKind.Absolute));
            using var response = await forwarder.Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            healthy = response.IsSuccessStatusCode;
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            healthy = false;
            outcome = "timeout";
        }
        catch (HttpRequestException ex)
        {
            healthy = false;
            outcome = ex.HttpRequestError.ToString();
        }

        if (destination.ReportActive(healthy))
        {
            if (healthy)
            {
                Log.Returned(logger, destination.Name, cluster.Id);
            }
            else
            {
                Log.Ejected(logger, destination.Name, cluster.Id, config.Path, outcome);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7110, LogLevel.Warning, "Destination {Destination} of cluster {ClusterId} ejected: its {Path} probe answered {Outcome}")]
        public static partial void Ejected(ILogger logger, string destination, string clusterId, string path, string outcome);

        [LoggerMessage(7111, LogLevel.Information, "Destination {Destination} of cluster {ClusterId} is healthy again")]
        public static partial void Returned(ILogger logger, string destination, string clusterId);
    }
}
