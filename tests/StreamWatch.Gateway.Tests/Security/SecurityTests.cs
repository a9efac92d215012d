using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using StreamWatch.Gateway.Security;
using StreamWatch.Gateway.Tests.Infrastructure;

namespace StreamWatch.Gateway.Tests.Security;

public sealed class SecurityTests
{
    private const string Key = "sw-test-key-6a1f0c2d9b";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<Upstream> EchoAsync() => Upstream.StartAsync(app => app.Map("/api/v1/{**rest}", async (HttpContext c) =>
    {
        using var reader = new StreamReader(c.Request.Body);
        return Results.Text($"{c.Request.Method} {await reader.ReadToEndAsync(c.RequestAborted)}");
    }));

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Write_without_a_key_gets_401_problem_details_and_never_reaches_upstream(string method)
    {
        await using var upstream = await EchoAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address).With("Gateway:ApiKeys:0", Key));

        using var request = new HttpRequestMessage(new HttpMethod(method), "api/v1/silences/x") { Content = new StringContent("{}") };
        using var response = await gateway.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, upstream.HitsOf("/api/v1/silences/x"));
    }

    [Fact]
    public async Task Write_with_a_wrong_key_gets_401_and_with_the_right_key_is_forwarded()
    {
        await using var upstream = await EchoAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address)
            .With("Gateway:ApiKeys:0", "another-key-000000000")
            .With("Gateway:ApiKeys:1", Key));

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new StringContent("{\"a\":1}") };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key + "x");
        using var refused = await gateway.Client.SendAsync(wrong, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new StringContent("{\"a\":1}") };
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var accepted = await gateway.Client.SendAsync(right, Token);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("POST {\"a\":1}", await accepted.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Reads_need_no_key_and_writes_are_refused_when_no_key_is_configured()
    {
        await using var upstream = await EchoAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        Assert.Equal("GET ", await gateway.Client.GetStringAsync("api/v1/status", Token));
        using var write = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new StringContent("{}") };
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "anything");
        using var response = await gateway.Client.SendAsync(write, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Api_key_validator_accepts_only_configured_keys()
    {
        var options = new GatewaySecurityOptions();
        options.ApiKeys.Add(Key);
        options.ApiKeys.Add(new string('k', 2000));
        var validator = new ApiKeyValidator(Options.Create(options));

        Assert.True(validator.IsValid(Key));
        Assert.True(validator.IsValid(new string('k', 2000)));
        Assert.False(validator.IsValid(Key.AsSpan()[..^1]));
        Assert.False(validator.IsValid(Key + " "));
        Assert.False(validator.IsValid(string.Empty));
        Assert.False(validator.IsValid(new string('k', 1999)));
    }

    [Fact]
    public async Task Rate_limit_per_client_answers_429_with_retry_after_and_spares_health_probes()
    {
        await using var upstream = await EchoAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address)
            .With("Gateway:RateLimit:PermitLimit", "3")
            .With("Gateway:RateLimit:Window", "00:10:00"));

        for (var i = 0; i < 3; i++)
        {
            using var ok = await gateway.Client.GetAsync("api/v1/status", Token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await gateway.Client.GetAsync("api/v1/status", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        using var health = await gateway.Client.GetAsync("alive", Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Request_body_over_the_limit_gets_413_whether_declared_or_streamed()
    {
        await using var upstream = await EchoAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address)
            .With("Gateway:ApiKeys:0", Key)
            .With("Gateway:MaxRequestBodyBytes", "100"));

        using var declared = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new ByteArrayContent(new byte[1000]) };
        declared.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var tooLarge = await gateway.Client.SendAsync(declared, Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        // Chunked: the size is only known while the forwarder streams it. Small enough to arrive in one
        // segment, so the server's close after the 413 cannot reset a connection with bytes still in flight.
        using var streamed = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new StreamContent(new MemoryStream(new byte[150])) };
        streamed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        streamed.Headers.TransferEncodingChunked = true;
        using var alsoTooLarge = await gateway.Client.SendAsync(streamed, Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, alsoTooLarge.StatusCode);

        using var small = new HttpRequestMessage(HttpMethod.Post, "api/v1/silences") { Content = new StringContent("ok") };
        small.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var fine = await gateway.Client.SendAsync(small, Token);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Theory]
    [InlineData("alive")]
    [InlineData("api/v1/status")]
    [InlineData("no/such/page")]
    public async Task Every_response_carries_the_security_headers_and_strict_csp(string path)
    {
        await using var upstream = await Upstream.StartAsync(app => app.Map("/api/v1/{**rest}", (HttpContext c) =>
        {
            c.Response.Headers.ContentSecurityPolicy = "default-src *"; // an upstream cannot loosen the gateway's policy
            return Results.Text("ok");
        }));
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address));

        using var response = await gateway.Client.GetAsync(path, Token);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_allows_only_configured_origins()
    {
        await using var upstream = await EchoAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(upstream.Address).With("Gateway:Cors:AllowedOrigins:0", "https://grafana.example"));

        Assert.Equal("https://grafana.example", await PreflightAsync(gateway, "https://grafana.example"));
        Assert.Null(await PreflightAsync(gateway, "https://evil.example"));
    }

    [Fact]
    public async Task Invalid_security_settings_fail_start_naming_the_key_but_not_the_value()
    {
        var settings = Settings.Proxy(Settings.Nowhere())
            .With("Gateway:ApiKeys:0", "has a space")
            .With("Gateway:RateLimit:PermitLimit", "0");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));

        Assert.Contains("Gateway:ApiKeys:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:RateLimit:PermitLimit", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("has a space", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> PreflightAsync(GatewayHost gateway, string origin)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/v1/silences");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var response = await gateway.Client.SendAsync(preflight, Token);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
