using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamWatch.Gateway.Forwarding;
using StreamWatch.Gateway.Tests.Infrastructure;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.Forwarding;

/// <summary>
/// The proxy fast path: its route table picks what endpoint routing would pick (or steps aside), and a
/// request it forwards gets every protection and header the normal pipeline gives.
/// </summary>
public sealed class FastPathTests
{
    private const string Key = "sw-fast-path-key-51d0";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Table_orders_routes_as_endpoint_routing_does_order_then_specificity_then_methods()
    {
        var table = Table(
            [
                ("catchall", "/api/{**rest}", 0, []),
                ("v1", "/api/v1/{**rest}", 0, []),
                ("status", "/api/v1/status", 0, []),
                ("reads", "/api/v2/{**rest}", 0, ["GET"]),
                ("writes", "/api/v2/{**rest}", 0, ["POST"]),
                ("first", "/other/{**rest}", -1, []),
                ("second", "/other/exact", 0, []),
            ],
            []);

        Assert.Equal("status", table.Match("/api/v1/status", "GET")?.Id);
        Assert.Equal("status", table.Match("/API/V1/Status/", "GET")?.Id);
        Assert.Equal("v1", table.Match("/api/v1/status/more", "GET")?.Id);
        Assert.Equal("v1", table.Match("/api/v1", "GET")?.Id);
        Assert.Equal("catchall", table.Match("/api/v1x", "GET")?.Id);
        Assert.Equal("catchall", table.Match("/api", "DELETE")?.Id);
        Assert.Equal("reads", table.Match("/api/v2/a", "GET")?.Id);
        Assert.Equal("writes", table.Match("/api/v2/a", "post")?.Id);
        Assert.Equal("catchall", table.Match("/api/v2/a", "PUT")?.Id);
        Assert.Equal("first", table.Match("/other/exact", "GET")?.Id);
        Assert.Null(table.Match("/elsewhere", "GET"));
    }

    [Fact]
    public void Table_steps_aside_where_another_endpoint_could_match_and_on_ties()
    {
        var table = Table(
            [("everything", "/{**rest}", 0, []), ("a", "/tie/{**rest}", 0, []), ("b", "/tie/{**rest}", 0, [])],
            ["/metrics", "/metrics/{service}", "/", "/status/assets/{name}", "/health"]);

        Assert.Equal("everything", table.Match("/api/v1/status", "GET")?.Id);
        Assert.Null(table.Match("/metrics", "GET"));
        Assert.Null(table.Match("/metrics/probe", "GET"));
        Assert.Null(table.Match("/", "GET"));
        Assert.Null(table.Match("/status/assets/x.css", "GET"));
        Assert.Null(table.Match("/health", "GET"));
        Assert.Equal("everything", table.Match("/healthz", "GET")?.Id);
        Assert.Null(table.Match("/tie/x", "GET"));

        // A route the table cannot express (a parameter mid-path) keeps its space for routing.
        var mixed = Table([("api", "/api/{**rest}", 0, []), ("versioned", "/api/{version}/x", 0, [])], []);
        Assert.Null(mixed.Match("/api/v1/x", "GET"));
    }

    [Fact]
    public async Task The_real_gateway_takes_the_fast_path_for_api_routes_and_leaves_its_own_endpoints_to_routing()
    {
        await using var upstream = await Upstream.NamedAsync("upstream");
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:all:ClusterId"] = "c",
            ["ReverseProxy:Routes:all:Match:Path"] = "/{**rest}",
            ["ReverseProxy:Clusters:c:Destinations:d0:Address"] = upstream.Address,
        });

        var table = ProxyRouteTable.Build(
            gateway.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value,
            gateway.Services.GetRequiredService<ProxyState>(),
            gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints);
        Assert.Equal("all", table.Match("/api/v1/status", "GET")?.Id);
        Assert.Null(table.Match("/metrics/gateway", "GET"));
        Assert.Null(table.Match("/alive", "GET"));

        // End to end: the catch-all forwards, but /alive and /metrics/gateway stay the gateway's own.
        Assert.Equal("upstream", await gateway.Client.GetStringAsync("api/v1/status", Token));
        using var alive = await gateway.Client.GetAsync("alive", Token);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var metrics = await gateway.Client.GetStringAsync("metrics/gateway", Token);
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
        Assert.Equal(0, upstream.HitsOf("/alive") + upstream.HitsOf("/metrics/gateway"));
    }

    [Fact]
    public async Task Routes_go_to_the_cluster_routing_would_pick()
    {
        await using var a = await Upstream.NamedAsync("a");
        await using var b = await Upstream.NamedAsync("b");
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0"] = Key,
            ["ReverseProxy:Routes:api:ClusterId"] = "a",
            ["ReverseProxy:Routes:api:Match:Path"] = "/api/v1/{**rest}",
            ["ReverseProxy:Routes:status:ClusterId"] = "b",
            ["ReverseProxy:Routes:status:Match:Path"] = "/api/v1/status",
            ["ReverseProxy:Routes:writes:ClusterId"] = "b",
            ["ReverseProxy:Routes:writes:Match:Path"] = "/api/v1/silences/{**rest}",
            ["ReverseProxy:Routes:writes:Match:Methods:0"] = "POST",
            ["ReverseProxy:Clusters:a:Destinations:d0:Address"] = a.Address,
            ["ReverseProxy:Clusters:b:Destinations:d0:Address"] = b.Address,
        });

        Assert.Equal("b", await gateway.Client.GetStringAsync("api/v1/status", Token));
        Assert.Equal("a", await gateway.Client.GetStringAsync("api/v1/status/x", Token));
        Assert.Equal("a", await gateway.Client.GetStringAsync("api/v1/silences/1", Token));
        using var post = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences/1") { Content = new StringContent("{}") };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var posted = await gateway.Client.SendAsync(post, Token);
        Assert.Equal("b", await posted.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Forwarded_requests_carry_forwarded_headers_trace_context_and_the_security_headers()
    {
        await using var upstream = await Upstream.StartAsync(app => app.Map("/api/v1/{**rest}", (HttpContext c) =>
        {
            c.Response.Headers.ContentSecurityPolicy = "default-src *";
            c.Response.Headers["X-Frame-Options"] = "ALLOWALL";
            return Results.Json(c.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/status");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.TryAddWithoutValidation("tracestate", "vendor=abc");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.9");
        using var response = await gateway.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-01$", seen["traceparent"]);
        Assert.Equal("vendor=abc", seen["tracestate"]);
        Assert.Equal("198.51.100.9, 127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal(gateway.Address.Authority, seen["X-Forwarded-Host"]);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fast_path_refuses_writes_without_a_key_and_rate_limits_with_the_same_budget_as_the_pipeline()
    {
        await using var upstream = await Upstream.NamedAsync("upstream");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address)
            .With("Gateway:ApiKeys:0", Key)
            .With("Gateway:RateLimit:PermitLimit", "3")
            .With("Gateway:RateLimit:Window", "00:10:00"));

        using var write = new HttpRequestMessage(HttpMethod.Delete, "api/v1/silences/9");
        using var refused = await gateway.Client.SendAsync(write, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("DENY", refused.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(0, upstream.HitsOf("/api/v1/silences/9"));

        // Permit 2 and 3: a 404 on the normal pipeline and a proxied read draw on the same per-client budget.
        using var notFound = await gateway.Client.GetAsync("no/such/page", Token);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("upstream", await gateway.Client.GetStringAsync("api/v1/status", Token));

        using var limited = await gateway.Client.GetAsync("api/v1/status", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal("nosniff", limited.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(1, upstream.HitsOf("/api/v1/status"));
    }

    [Fact]
    public async Task Cross_origin_calls_still_get_cors_headers_when_origins_are_configured()
    {
        await using var upstream = await Upstream.NamedAsync("upstream");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address).With("Gateway:Cors:AllowedOrigins:0", "https://grafana.example"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/status");
        request.Headers.Add("Origin", "https://grafana.example");
        using var response = await gateway.Client.SendAsync(request, Token);

        Assert.Equal("upstream", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("https://grafana.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Forwarded_requests_are_counted_by_route_and_result()
    {
        await using var upstream = await Upstream.NamedAsync("upstream");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        Assert.Equal("upstream", await gateway.Client.GetStringAsync("api/v1/status", Token));
        var metrics = await gateway.Client.GetStringAsync("metrics/gateway", Token);

        Assert.Contains("# TYPE streamwatch_gateway_forwarded_requests_total counter", metrics, StringComparison.Ordinal);
        Assert.Matches(@"streamwatch_gateway_forwarded_requests_total\{(?=[^}]*route=""api"")(?=[^}]*result=""2xx"")[^}]*\} 1\b", metrics);
    }

    [Fact]
    public async Task The_gateway_process_with_inline_io_forwards_reads_keyed_writes_and_live_events()
    {
        // The built gateway as deployed: Program.cs turns inline socket I/O on, so this is the
        // configuration the fast path runs in production (the in-process hosts above run without it).
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await Upstream.StartAsync(app =>
        {
            app.MapGet("/health", () => "ok"); // zero configuration probes it actively
            app.MapGet("/api/v1/events", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/event-stream";
                await c.Response.WriteAsync("data: 1\n\n", c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await release.Task.WaitAsync(c.RequestAborted);
                await c.Response.WriteAsync("data: 2\n\n", c.RequestAborted);
            });
            app.Map("/api/v1/{**rest}", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body);
                return Results.Text($"{c.Request.Method} {await reader.ReadToEndAsync(c.RequestAborted)}");
            });
        });
        var port = FreePort.Next();
        await using var gateway = await ServiceProcess.StartAsync(
            "StreamWatch.Gateway",
            port,
            new Dictionary<string, string> { ["services__alerting__http__0"] = upstream.Address, ["Gateway__ApiKeys__0"] = Key },
            cancellationToken: Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

        Assert.Equal("GET ", await client.GetStringAsync(new Uri("api/v1/status", UriKind.Relative), Token));
        using var unkeyed = await client.PostAsync(new Uri("api/v1/silences", UriKind.Relative), new StringContent("{}"), Token);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new StringContent("{\"a\":1}") };
        keyed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var accepted = await client.SendAsync(keyed, Token);
        Assert.Equal("POST {\"a\":1}", await accepted.Content.ReadAsStringAsync(Token));

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(Token);
        guard.CancelAfter(TimeSpan.FromSeconds(30)); // a hang guard, not a timing assert
        using var events = await client.GetAsync(new Uri("api/v1/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var stream = new StreamReader(await events.Content.ReadAsStreamAsync(guard.Token));
        Assert.Equal("data: 1", await stream.ReadLineAsync(guard.Token));
        release.SetResult();
        Assert.Equal(string.Empty, await stream.ReadLineAsync(guard.Token));
        Assert.Equal("data: 2", await stream.ReadLineAsync(guard.Token));
    }

    private static ProxyRouteTable Table((string Id, string Path, int Order, string[] Methods)[] routes, string[] otherEndpoints)
    {
        var options = new ReverseProxyOptions();
        options.Clusters["c"] = new ClusterConfig();
        foreach (var (id, path, order, methods) in routes)
        {
            var route = new RouteConfig { ClusterId = "c", Order = order, Match = new RouteMatch { Path = path } };
            foreach (var method in methods)
            {
                route.Match.Methods.Add(method);
            }

            options.Routes[id] = route;
        }

        var endpoints = otherEndpoints.Select(static pattern => (Endpoint)new RouteEndpoint(
            static _ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, EndpointMetadataCollection.Empty, pattern));
        return ProxyRouteTable.Build(options, new ProxyState(Options.Create(options)), endpoints);
    }
}
