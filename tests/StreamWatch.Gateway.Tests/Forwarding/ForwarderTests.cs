using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Gateway.Tests.Infrastructure;

namespace StreamWatch.Gateway.Tests.Forwarding;

public sealed class ForwarderTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_reaches_upstream_with_path_query_forwarded_headers_and_trace_context()
    {
        await using var upstream = await Upstream.StartAsync(app => app.Map("/api/v1/{**rest}", (HttpContext c) =>
        {
            var headers = c.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            headers["path"] = c.Request.Path + c.Request.QueryString;
            headers["method"] = c.Request.Method;
            c.Response.Headers["Keep-Alive"] = "timeout=99";
            c.Response.Headers["X-Upstream"] = "yes";
            return Results.Json(headers);
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        // A raw request, so the hop-by-hop headers arrive exactly as written.
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        var raw = await RawAsync(gateway.Address, "GET /api/v1/streams/final-hindi?x=1&y=%20z HTTP/1.1\r\n" +
            $"Host: {gateway.Address.Authority}\r\n" +
            "Connection: keep-alive, X-Hop\r\nX-Hop: secret\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Authorization: Basic abc\r\n" +
            $"traceparent: 00-{traceId}-b7ad6b7169203331-01\r\nX-Forwarded-For: 203.0.113.7\r\nX-Custom: kept\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", raw, StringComparison.Ordinal);
        var (head, body) = Split(raw);
        Assert.Contains("X-Upstream: yes", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Keep-Alive", head, StringComparison.OrdinalIgnoreCase);

        var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
        Assert.Equal("/api/v1/streams/final-hindi?x=1&y=%20z", seen["path"]);
        Assert.Equal("GET", seen["method"]);
        Assert.Equal("kept", seen["X-Custom"]);
        Assert.False(seen.ContainsKey("X-Hop"), "a header named in Connection is hop-by-hop");
        foreach (var hop in new[] { "Keep-Alive", "TE", "Upgrade", "Proxy-Authorization" })
        {
            Assert.False(seen.ContainsKey(hop), $"{hop} must not be forwarded");
        }

        Assert.Equal("203.0.113.7, 127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal(gateway.Address.Authority, seen["X-Forwarded-Host"]);
        Assert.Equal(new Uri(upstream.Address).Authority, seen["Host"]);
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-0[01]$", seen["traceparent"]);
    }

    [Fact]
    public async Task Request_body_streams_to_upstream_before_the_client_has_sent_all_of_it()
    {
        var firstChunkArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await Upstream.StartAsync(app => app.MapPost("/api/v1/upload", async (HttpContext c) =>
        {
            var buffer = new byte[64];
            var total = new StringBuilder();
            int read;
            while ((read = await c.Request.Body.ReadAsync(buffer, c.RequestAborted)) > 0)
            {
                total.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (total.ToString().Contains("first;", StringComparison.Ordinal))
                {
                    firstChunkArrived.TrySetResult();
                }
            }

            return Results.Text(total.ToString());
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address).With("Gateway:ApiKeys:0", "test-key-0123456789"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/upload")
        {
            Content = new PushContent(async stream =>
            {
                await stream.WriteAsync("first;"u8.ToArray(), Token);
                await stream.FlushAsync(Token);

                // The upstream sees the first chunk while the client still holds the rest back.
                await firstChunkArrived.Task.WaitAsync(HangGuard, Token);
                await stream.WriteAsync("second"u8.ToArray(), Token);
            }),
        };
        request.Headers.Authorization = new("Bearer", "test-key-0123456789");
        var sending = gateway.Client.SendAsync(request, Token);

        using var response = await sending.WaitAsync(HangGuard, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("first;second", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Server_sent_events_pass_through_live_chunk_by_chunk()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await Upstream.StartAsync(app => app.MapGet("/api/v1/events", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/event-stream";
            await c.Response.WriteAsync("event: state\ndata: {\"n\":1}\n\n", c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await release.Task.WaitAsync(c.RequestAborted); // the stream stays open until the test has read event 1
            await c.Response.WriteAsync("event: state\ndata: {\"n\":2}\n\n", c.RequestAborted);
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        using var response = await gateway.Client.GetAsync("api/v1/events", HttpCompletionOption.ResponseHeadersRead, Token).WaitAsync(HangGuard, Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));

        Assert.Equal("event: state", await reader.ReadLineAsync(Token).AsTask().WaitAsync(HangGuard, Token));
        Assert.Equal("data: {\"n\":1}", await reader.ReadLineAsync(Token).AsTask().WaitAsync(HangGuard, Token));
        release.SetResult();
        Assert.Equal(string.Empty, await reader.ReadLineAsync(Token).AsTask().WaitAsync(HangGuard, Token));
        Assert.Equal("event: state", await reader.ReadLineAsync(Token).AsTask().WaitAsync(HangGuard, Token));
        Assert.Equal("data: {\"n\":2}", await reader.ReadLineAsync(Token).AsTask().WaitAsync(HangGuard, Token));
    }

    [Fact]
    public async Task Client_abort_cancels_the_upstream_request()
    {
        var upstreamCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await Upstream.StartAsync(app => app.MapGet("/api/v1/events", async (HttpContext c) =>
        {
            using var registration = c.RequestAborted.Register(() => upstreamCancelled.TrySetResult());
            c.Response.ContentType = "text/event-stream";
            await c.Response.WriteAsync("data: hello\n\n", CancellationToken.None);
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        var response = await gateway.Client.GetAsync("api/v1/events", HttpCompletionOption.ResponseHeadersRead, Token).WaitAsync(HangGuard, Token);
        await started.Task.WaitAsync(HangGuard, Token);
        response.Dispose(); // the client goes away mid-stream

        await upstreamCancelled.Task.WaitAsync(HangGuard, Token);
        Assert.True(upstreamCancelled.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Upstream_refusing_connections_gives_502_problem_details()
    {
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(Settings.Nowhere()));

        using var response = await gateway.Client.GetAsync("api/v1/status", Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("d0", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_slower_than_the_route_timeout_gives_504_problem_details()
    {
        await using var upstream = await Upstream.StartAsync(app => app.MapGet("/api/v1/slow", async (HttpContext c) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(2), c.RequestAborted);
            return Results.Ok();
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address).With("ReverseProxy:Routes:api:Timeout", "00:00:01"));

        using var response = await gateway.Client.GetAsync("api/v1/slow", Token).WaitAsync(HangGuard, Token);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Round_robin_spreads_requests_evenly()
    {
        await using var a = await Upstream.NamedAsync("a");
        await using var b = await Upstream.NamedAsync("b");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(a.Address, b.Address));

        var seen = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            seen.Add(await gateway.Client.GetStringAsync("api/v1/x", Token));
        }

        Assert.Equal(5, seen.Count(s => s == "a"));
        Assert.Equal(5, seen.Count(s => s == "b"));
    }

    [Fact]
    public async Task Least_requests_avoids_the_destination_that_is_busy()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var a = await Upstream.StartAsync(app => app.MapGet("/api/v1/{**rest}", async (HttpContext c) =>
        {
            if (c.Request.Path.Value!.EndsWith("/hold", StringComparison.Ordinal))
            {
                held.TrySetResult();
                await hold.Task.WaitAsync(c.RequestAborted);
            }

            return Results.Text("a");
        }));
        await using var b = await Upstream.NamedAsync("b");
        var settings = Settings.Proxy(a.Address, b.Address).With("ReverseProxy:Clusters:c:LoadBalancingPolicy", "LeastRequests");
        await using var gateway = await GatewayHost.StartAsync(settings);

        // With nothing in flight the first destination wins ties, so the held request lands on a.
        var holding = gateway.Client.GetStringAsync("api/v1/hold", Token);
        await held.Task.WaitAsync(HangGuard, Token);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("b", await gateway.Client.GetStringAsync("api/v1/x", Token));
        }

        hold.SetResult();
        Assert.Equal("a", await holding.WaitAsync(HangGuard, Token));
    }

    [Fact]
    public async Task Zero_configuration_forwards_api_v1_to_the_alerting_service_address()
    {
        await using var alerting = await Upstream.NamedAsync("alerting");
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["services:alerting:http:0"] = alerting.Address });

        Assert.Equal("alerting", await gateway.Client.GetStringAsync("api/v1/status", Token));
    }

    [Fact]
    public async Task Invalid_configuration_fails_start_naming_each_key()
    {
        var settings = Settings.Proxy("not a url")
            .With("ReverseProxy:Routes:bad:ClusterId", "missing")
            .With("ReverseProxy:Routes:bad:Match:Path", "/x/{**rest}")
            .With("ReverseProxy:Clusters:c:LoadBalancingPolicy", "Random");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));

        Assert.Contains("ReverseProxy:Routes:bad:ClusterId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReverseProxy:Clusters:c:Destinations:d0:Address", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReverseProxy:Clusters:c:LoadBalancingPolicy", error.Message, StringComparison.Ordinal);
    }

    private sealed class PushContent(Func<Stream, Task> write) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    private static async Task<string> RawAsync(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Token).WaitAsync(HangGuard, Token);
    }

    private static (string Head, string Body) Split(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = raw[..end];
        var body = raw[(end + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            var position = 0;
            while (true)
            {
                var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[position..lineEnd], 16);
                if (size == 0)
                {
                    break;
                }

                decoded.Append(body, lineEnd + 2, size);
                position = lineEnd + 2 + size + 2;
            }

            body = decoded.ToString();
        }

        return (head, body);
    }
}
