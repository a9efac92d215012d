extern alias gateway;

using BenchmarkDotNet.Attributes;
using gateway::StreamWatch.Gateway.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace StreamWatch.Benchmarks.Gateway;

/// <summary>
/// The gateway's per-request fast-path work outside the network: matching a path against the
/// precomputed route table (with the gateway's own endpoints as possible conflicts) and copying a
/// browser-sized set of request headers onto an upstream request and an upstream's response headers
/// back onto the client's response.
/// </summary>
[MemoryDiagnoser]
public class GatewayFastPathBenchmarks
{
    private static readonly PathString ApiPath = "/api/v1/streams/final-hindi";
    private static readonly PathString Metrics = "/metrics/probe";
    private ProxyRouteTable _table = null!;
    private IHeaderDictionary _requestHeaders = null!; // as the forwarder sees Kestrel's: through the interface
    private HttpResponseMessage _upstreamResponse = null!;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ReverseProxyOptions();
        options.Clusters["alerting"] = new ClusterConfig();
        options.Routes["api"] = new RouteConfig { ClusterId = "alerting", Match = new RouteMatch { Path = "/api/v1/{**rest}" } };
        options.Routes["writes"] = new RouteConfig { ClusterId = "alerting", Match = new RouteMatch { Path = "/api/v1/silences/{**rest}" } };
        options.Routes["writes"].Match.Methods.Add("POST");
        var endpoints = new[] { "/", "/health", "/alive", "/metrics", "/metrics/{service}", "/metrics/gateway", "/status/events", "/status/assets/{name}" }
            .Select(static p => (Endpoint)new RouteEndpoint(static _ => Task.CompletedTask, RoutePatternFactory.Parse(p), 0, EndpointMetadataCollection.Empty, p));
        _table = ProxyRouteTable.Build(options, new ProxyState(Options.Create(options)), endpoints);

        _requestHeaders = new HeaderDictionary
        {
            ["Host"] = "gateway.example:8080",
            ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            ["Accept"] = "application/json",
            ["Accept-Encoding"] = "gzip, deflate, br",
            ["Accept-Language"] = "en-GB,en;q=0.9",
            ["Connection"] = "keep-alive",
            ["Cookie"] = "session=abc123",
            ["Referer"] = "https://gateway.example/",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["X-Forwarded-For"] = "203.0.113.7",
        };

        _upstreamResponse = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[978]) };
        _upstreamResponse.Headers.TryAddWithoutValidation("Date", "Sun, 22 Nov 2026 04:00:00 GMT");
        _upstreamResponse.Headers.TryAddWithoutValidation("Server", "Kestrel");
        _upstreamResponse.Headers.TryAddWithoutValidation("Cache-Control", "no-store");
        _upstreamResponse.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        _upstreamResponse.Content.Headers.TryAddWithoutValidation("Content-Length", "978");
        _context = new DefaultHttpContext();
    }

    [GlobalCleanup]
    public void Cleanup() => _upstreamResponse.Dispose();

    [Benchmark]
    public object? MatchApiRoute() => _table.Match(ApiPath, "GET");

    [Benchmark]
    public object? MatchGatewayOwnPath() => _table.Match(Metrics, "GET");

    /// <summary>The first forwarder's copy, for comparison: every value through a boxed <c>IEnumerable&lt;string&gt;</c>.</summary>
    [Benchmark(Baseline = true)]
    public int CopyRequestHeadersBoxedValues()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:8081/api/v1/status");
        string? connection = _requestHeaders.Connection;
        foreach (var (name, values) in _requestHeaders)
        {
            if (HopByHopHeaders.IsNotCopiedOnRequest(name) || HopByHopHeaders.IsListedIn(connection, name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return request.Headers.NonValidated.Count;
    }

    [Benchmark]
    public int CopyRequestHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:8081/api/v1/status");
        ProxyHeaders.CopyRequestHeaders(_requestHeaders, request);
        return request.Headers.NonValidated.Count;
    }

    [Benchmark]
    public int CopyResponseHeaders()
    {
        _context.Response.Headers.Clear();
        ProxyHeaders.CopyResponseHeaders(_upstreamResponse, _context.Response);
        return _context.Response.Headers.Count;
    }
}
