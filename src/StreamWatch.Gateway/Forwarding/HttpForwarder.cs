using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Forwards one request to a destination (the stand-in for YARP's IHttpForwarder): a pooled
/// <see cref="SocketsHttpHandler"/> behind an <see cref="HttpMessageInvoker"/> (no HttpClient
/// buffering or timeouts), bodies streamed both ways and flushed per chunk so server-sent events
/// flow live, hop-by-hop headers dropped, <c>X-Forwarded-*</c> and trace context added, client
/// aborts passed on, upstream failures answered as 502/504 problem details.
/// </summary>
internal sealed partial class HttpForwarder : IDisposable
{
    private const int BufferSize = 16 * 1024;
    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];
    private readonly TimeProvider _time;
    private readonly ILogger<HttpForwarder> _logger;
    private readonly Counter<long> _forwarded;
    private readonly UnexportedMeterFactory _unexportedMeters = new();

    public HttpForwarder(TimeProvider time, IMeterFactory meters, ILogger<HttpForwarder> logger)
    {
        _time = time;
        _logger = logger;

        // One counter with two low-cardinality labels (route id, result) instead of per-request
        // HttpClient histograms: what an operator needs from a proxy at a fraction of the cost.
        _forwarded = meters.Create("StreamWatch.Gateway").CreateCounter<long>(
            "gateway.forwarded_requests",
            unit: "{request}",
            description: "Requests forwarded by the gateway, by route and result: the upstream's status class (2xx..5xx), or unreachable (502), timeout (504), no_destination (503), bad_request (the client's body broke a limit), aborted (the client left before the response headers).");
        Invoker = new HttpMessageInvoker(
            new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
                EnableMultipleHttp2Connections = true,

                // The forwarder writes the trace context itself (Inject below), once.
                ActivityHeadersPropagator = null,

                // The handler's http.client.* instruments (a duration histogram and active-request
                // counters, each with 4-7 tags, several measurements per request) come from a factory
                // of our own, which the /metrics collector does not expose: they cost ~5 µs per proxied
                // request here; gateway.forwarded_requests counts what an operator needs instead.
                MeterFactory = _unexportedMeters,
            },
            disposeHandler: true);
    }

    /// <summary>The pooled upstream connections, shared with the health checks and the metrics feed.</summary>
    public HttpMessageInvoker Invoker { get; }

    public async Task ForwardAsync(HttpContext context, string routeId, ClusterState cluster, TimeSpan timeout)
    {
        var destination = cluster.Pick(_time.GetUtcNow().UtcTicks);
        if (destination is null)
        {
            Count(routeId, "no_destination");
            Log.NoDestination(_logger, routeId, cluster.Id);
            await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "No healthy destination", cluster.Destinations.Count == 0
                ? $"Cluster '{cluster.Id}' has no destinations configured{(cluster.Id == GatewayDefaults.AlertingCluster ? " (set services__alerting__http__0)" : string.Empty)}."
                : $"Every destination of cluster '{cluster.Id}' is ejected by its health checks.").ConfigureAwait(false);
            return;
        }

        destination.RequestStarted();
        try
        {
            await ForwardToAsync(context, routeId, cluster, destination, timeout).ConfigureAwait(false);
        }
        finally
        {
            destination.RequestEnded();
        }
    }

    public void Dispose()
    {
        Invoker.Dispose();
        _unexportedMeters.Dispose();
    }

    private void Count(string routeId, string result) => _forwarded.Add(1, new("route", routeId), new("result", result));

    private async Task ForwardToAsync(HttpContext context, string routeId, ClusterState cluster, DestinationState destination, TimeSpan timeout)
    {
        var aborted = context.RequestAborted;
        using var request = CreateRequest(context, destination, out var content);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        cts.CancelAfter(timeout);

        HttpResponseMessage response;
        try
        {
            response = await Invoker.SendAsync(request, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            Count(routeId, context.RequestAborted.IsCancellationRequested ? "aborted"
                : content?.SourceFailure is BadHttpRequestException ? "bad_request"
                : ex is OperationCanceledException ? "timeout" : "unreachable");
            await FailAsync(context, cluster, destination, content, ex, timeout).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            // The headers are here: the route timeout is spent; what follows (SSE) may take as long as it takes.
            cts.CancelAfter(Timeout.InfiniteTimeSpan);
            ReportPassive(cluster, destination, transportFailure: false);
            var status = (int)response.StatusCode;
            Count(routeId, status is >= 100 and < 600 ? StatusClasses[(status / 100) - 1] : "other");
            ProxyHeaders.CopyResponseHeaders(response, context.Response);
            await CopyResponseBodyAsync(context, response, destination, cts.Token).ConfigureAwait(false);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, DestinationState destination, out StreamCopyContent? content)
    {
        var incoming = context.Request;
        var uri = new Uri(string.Concat(destination.AddressText, incoming.PathBase.Value, incoming.Path.Value, incoming.QueryString.Value), UriKind.Absolute);
        var request = new HttpRequestMessage(HttpMethod.Parse(incoming.Method), uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        content = null;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            content = new StreamCopyContent(incoming.Body);
            request.Content = content;
        }

        ProxyHeaders.CopyRequestHeaders(incoming.Headers, request);
        AddForwardedHeaders(context, request.Headers);
        AddTraceContext(incoming.Headers, request);
        return request;
    }

    private static void AddForwardedHeaders(HttpContext context, HttpRequestHeaders headers)
    {
        // X-Forwarded-For is a chain: keep what earlier proxies wrote and append the client we see.
        var client = context.Connection.RemoteIpAddress?.ToString();
        var earlier = context.Request.Headers["X-Forwarded-For"];
        var chain = StringValues.IsNullOrEmpty(earlier) ? client : client is null ? earlier.ToString() : string.Concat(earlier.ToString(), ", ", client);
        if (chain is not null)
        {
            headers.TryAddWithoutValidation("X-Forwarded-For", chain);
        }

        headers.TryAddWithoutValidation("X-Forwarded-Proto", context.Request.Scheme);
        if (context.Request.Host.HasValue)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Host", context.Request.Host.Value);
        }
    }

    private static void AddTraceContext(IHeaderDictionary incoming, HttpRequestMessage request)
    {
        // With an activity (ASP.NET Core continued the caller's trace), the upstream becomes its child;
        // without one, the caller's context passes through unchanged so the trace still joins up.
        if (Activity.Current is { } activity)
        {
            DistributedContextPropagator.Current.Inject(activity, request.Headers, static (carrier, key, value) =>
            {
                var headers = (HttpRequestHeaders)carrier!;
                headers.Remove(key);
                headers.TryAddWithoutValidation(key, value);
            });
            return;
        }

        if (incoming.TryGetValue(HeaderNames.TraceParent, out var parent))
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.TraceParent, (IEnumerable<string?>)parent);
            if (incoming.TryGetValue(HeaderNames.TraceState, out var state))
            {
                request.Headers.TryAddWithoutValidation(HeaderNames.TraceState, (IEnumerable<string?>)state);
            }
        }
    }

    private async Task CopyResponseBodyAsync(HttpContext context, HttpResponseMessage response, DestinationState destination, CancellationToken cancellationToken)
    {
        // Kestrel must not hold chunks back: every chunk read from upstream goes out at once.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = context.Response.Body;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var upstream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var read = await upstream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                // Kestrel's response stream flushes on every write.
                await body.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // The status line has gone out; the only honest signal left is to cut the client's response short.
            if (!context.RequestAborted.IsCancellationRequested)
            {
                Log.ResponseBodyFailed(_logger, destination.Name, ex.GetType().Name);
            }

            context.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task FailAsync(HttpContext context, ClusterState cluster, DestinationState destination, StreamCopyContent? content, Exception ex, TimeSpan timeout)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; the upstream request was cancelled with it. Nobody to answer.
            return;
        }

        if (content?.SourceFailure is BadHttpRequestException bad)
        {
            await Problems.WriteAsync(context, bad.StatusCode, "Bad request body", bad.Message).ConfigureAwait(false);
            return;
        }

        ReportPassive(cluster, destination, transportFailure: true);
        if (ex is OperationCanceledException)
        {
            Log.UpstreamTimedOut(_logger, destination.Name, cluster.Id, timeout.TotalSeconds);
            await Problems.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Upstream timed out", $"Destination '{destination.Name}' of cluster '{cluster.Id}' sent no response within {timeout.TotalSeconds:0.###} s.").ConfigureAwait(false);
            return;
        }

        var reason = ex is HttpRequestException { HttpRequestError: var error } ? error.ToString() : ex.GetType().Name;
        Log.UpstreamFailed(_logger, destination.Name, cluster.Id, reason);
        await Problems.WriteAsync(context, StatusCodes.Status502BadGateway, "Upstream unavailable", $"Destination '{destination.Name}' of cluster '{cluster.Id}' could not be reached ({reason}).").ConfigureAwait(false);
    }

    private void ReportPassive(ClusterState cluster, DestinationState destination, bool transportFailure)
    {
        var policy = cluster.Config.HealthCheck.Passive;
        if (destination.ReportPassive(transportFailure, policy, _time.GetUtcNow().UtcTicks))
        {
            Log.PassivelyEjected(_logger, destination.Name, cluster.Id, policy.FailureThreshold, policy.ReactivationPeriod.TotalSeconds);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7105, LogLevel.Warning, "Destination {Destination} of cluster {ClusterId} ejected after {Failures} failed requests in a row, for {ReactivationSeconds} s")]
        public static partial void PassivelyEjected(ILogger logger, string destination, string clusterId, int failures, double reactivationSeconds);

        [LoggerMessage(7101, LogLevel.Warning, "No healthy destination for route {RouteId} in cluster {ClusterId}")]
        public static partial void NoDestination(ILogger logger, string routeId, string clusterId);

        [LoggerMessage(7102, LogLevel.Warning, "Upstream {Destination} of cluster {ClusterId} sent no response headers within {TimeoutSeconds} s")]
        public static partial void UpstreamTimedOut(ILogger logger, string destination, string clusterId, double timeoutSeconds);

        [LoggerMessage(7103, LogLevel.Warning, "Upstream {Destination} of cluster {ClusterId} failed: {Reason}")]
        public static partial void UpstreamFailed(ILogger logger, string destination, string clusterId, string reason);

        [LoggerMessage(7104, LogLevel.Information, "Response body from {Destination} broke off ({Reason}); client response aborted")]
        public static partial void ResponseBodyFailed(ILogger logger, string destination, string reason);
    }

    /// <summary>
    /// Meters scoped to this factory rather than the host's: ServiceDefaults' collector exposes only
    /// the host factory's meters (an OTLP exporter, when configured, still sees them by name).
    /// </summary>
    private sealed class UnexportedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
            {
                foreach (var meter in _meters)
                {
                    meter.Dispose();
                }
            }
        }
    }
}
