using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamWatch.Buffers;
using StreamWatch.Gateway.Forwarding;
using StreamWatch.ServiceDefaults.Metrics;

namespace StreamWatch.Gateway.Metrics;

/// <summary>
/// The merged feed: the gateway's own exposition plus every configured service's, each sample
/// labelled <c>service</c>, plus <c>streamwatch_gateway_upstream_up{service}</c> (1 fetched, 0 failed:
/// its families are left out). One result is served for <see cref="MetricsFeedOptions.CacheDuration"/>,
/// and concurrent scrapes share one fan-out (single-flight).
/// </summary>
internal sealed partial class MetricsFeed
{
    public const string GatewayService = "gateway";
    private const string UpFamily = "streamwatch_gateway_upstream_up";

    private readonly MetricsCollector _collector;
    private readonly HttpMessageInvoker _invoker;
    private readonly MetricsFeedOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricsFeed> _logger;
    private readonly CancellationToken _stopping;
    private readonly byte[] _gatewayLabel = ExpositionMerger.ServiceLabel(GatewayService);
    private readonly Lock _gate = new();
    private Task<Snapshot>? _latest;

    public MetricsFeed(
        MetricsCollector collector,
        HttpForwarder forwarder,
        IOptions<MetricsFeedOptions> options,
        IConfiguration configuration,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<MetricsFeed> logger)
    {
        _collector = collector;
        _invoker = forwarder.Invoker;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        var upstreams = new List<Upstream>();
        foreach (var name in _options.Services)
        {
            var addresses = GatewayDefaults.ServiceAddresses(configuration, name);
            if (addresses.Count > 0)
            {
                upstreams.Add(new Upstream(name, new Uri(addresses[0] + "/metrics", UriKind.Absolute), ExpositionMerger.ServiceLabel(name)));
            }
        }

        Upstreams = upstreams;
    }

    /// <summary>The services merged, in order.</summary>
    public IReadOnlyList<Upstream> Upstreams { get; }

    /// <summary>The current merged exposition: cached, or the fan-out in flight, or a new one.</summary>
    public Task<Snapshot> GetAsync()
    {
        var latest = Volatile.Read(ref _latest);
        if (IsUsable(latest))
        {
            return latest!;
        }

        lock (_gate)
        {
            if (!IsUsable(_latest))
            {
                _latest = RefreshAsync();
            }

            return _latest!;
        }
    }

    /// <summary>The upstream named <paramref name="service"/>, or null.</summary>
    public Upstream? Find(string service)
    {
        foreach (var upstream in Upstreams)
        {
            if (upstream.Name.Equals(service, StringComparison.OrdinalIgnoreCase))
            {
                return upstream;
            }
        }

        return null;
    }

    private bool IsUsable(Task<Snapshot>? task)
        => task is not null && (!task.IsCompleted || (task.IsCompletedSuccessfully && _time.GetElapsedTime(task.Result.CreatedAt) < _options.CacheDuration));

    private async Task<Snapshot> RefreshAsync()
    {
        await Task.Yield(); // the fan-out runs off the lock and off the first caller's stack
        var createdAt = _time.GetTimestamp();
        var bodies = new PooledBufferWriter[Upstreams.Count];
        var fetches = new Task<bool>[Upstreams.Count];
        using var own = new PooledBufferWriter(64 * 1024);
        using var up = new PooledBufferWriter(1024);
        using var merged = new PooledBufferWriter(256 * 1024);
        try
        {
            for (var i = 0; i < fetches.Length; i++)
            {
                bodies[i] = new PooledBufferWriter(64 * 1024);
                fetches[i] = FetchAsync(Upstreams[i], bodies[i]);
            }

            _collector.WriteTo(own); // meanwhile, the gateway's own
            var results = await Task.WhenAll(fetches).ConfigureAwait(false);

            var sources = new ExpositionSource[fetches.Length + 2];
            var n = 0;
            sources[n++] = new ExpositionSource(own.WrittenMemory, _gatewayLabel);
            WriteUp(up, results);
            sources[n++] = new ExpositionSource(up.WrittenMemory, null);
            for (var i = 0; i < results.Length; i++)
            {
                if (results[i])
                {
                    sources[n++] = new ExpositionSource(bodies[i].WrittenMemory, Upstreams[i].Label);
                }
            }

            ExpositionMerger.Merge(sources.AsSpan(0, n), merged);
            return new Snapshot(merged.WrittenSpan.ToArray(), createdAt);
        }
        finally
        {
            foreach (var body in bodies)
            {
                body?.Dispose();
            }
        }
    }

    private void WriteUp(PooledBufferWriter output, bool[] results)
    {
        output.Write("# HELP streamwatch_gateway_upstream_up 1 when the gateway fetched the service's /metrics for this scrape, else 0 (its families are left out).\n"u8);
        output.Write("# TYPE streamwatch_gateway_upstream_up gauge\n"u8);
        for (var i = 0; i < results.Length; i++)
        {
            output.Write("streamwatch_gateway_upstream_up{"u8);
            output.Write(Upstreams[i].Label);
            output.Write(results[i] ? "} 1\n"u8 : "} 0\n"u8);
        }
    }

    private async Task<bool> FetchAsync(Upstream upstream, PooledBufferWriter body)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        timeout.CancelAfter(_options.UpstreamTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, upstream.MetricsUri);
            using var response = await _invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Log.UpstreamFailed(_logger, upstream.Name, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                return false;
            }

            using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var read = await stream.ReadAsync(body.GetMemory(16 * 1024), timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return true;
                }

                body.Advance(read);
                if (body.WrittenCount > _options.MaxUpstreamBytes)
                {
                    Log.UpstreamFailed(_logger, upstream.Name, $"larger than {_options.MaxUpstreamBytes} bytes");
                    return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Log.UpstreamFailed(_logger, upstream.Name, "timed out");
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            Log.UpstreamFailed(_logger, upstream.Name, ex.Message);
            return false;
        }
    }

    /// <summary>A service whose metrics are merged.</summary>
    /// <param name="Name">Its name, the <c>service</c> label value.</param>
    /// <param name="MetricsUri">Its <c>/metrics</c>.</param>
    /// <param name="Label">The UTF-8 <c>service="name"</c> pair.</param>
    public sealed record Upstream(string Name, Uri MetricsUri, byte[] Label);

    /// <summary>One merged exposition and when its fan-out started (a <see cref="TimeProvider"/> timestamp).</summary>
    public sealed record Snapshot(byte[] Body, long CreatedAt);

    private static partial class Log
    {
        [LoggerMessage(7301, LogLevel.Warning, "Metrics of service {Service} left out of the merged feed: {Reason}")]
        public static partial void UpstreamFailed(ILogger logger, string service, string reason);
    }
}
