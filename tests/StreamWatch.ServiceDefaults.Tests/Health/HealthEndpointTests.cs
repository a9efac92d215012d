using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamWatch.ServiceDefaults.Health;

namespace StreamWatch.ServiceDefaults.Tests.Health;

// In-memory server: a real socket adds nothing to endpoint semantics.
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_WithAFailingDependency_Is503ButAliveIs200()
    {
        await using var app = await StartAsync(checks => checks.AddCheck("redis", () => HealthCheckResult.Unhealthy("connection refused"), [HealthTags.Dependency]));
        using var client = app.GetTestClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var healthJson = await ReadAsync(health);
        Assert.Equal("Unhealthy", healthJson.GetProperty("status").GetString());
        var checks = healthJson.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("Unhealthy", checks["redis"].GetProperty("status").GetString());
        Assert.Equal("connection refused", checks["redis"].GetProperty("description").GetString());
        Assert.Equal("dependency", checks["redis"].GetProperty("tags")[0].GetString());
        Assert.Equal("Healthy", checks["self"].GetProperty("status").GetString());
        var aliveChecks = (await ReadAsync(alive)).GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["self"], aliveChecks);
    }

    [Fact]
    public async Task Health_AllChecksHealthy_Is200WithJson()
    {
        await using var app = await StartAsync(checks => checks.AddCheck("redis", () => HealthCheckResult.Healthy(), [HealthTags.Dependency]));
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("Healthy", (await ReadAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_DegradedCheck_Is200AndSaysDegraded()
    {
        await using var app = await StartAsync(checks => checks.AddCheck("cache", () => HealthCheckResult.Degraded("slow")));
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", (await ReadAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_ThrowingCheck_ReportsItsError()
    {
        await using var app = await StartAsync(checks => checks.AddCheck("peer", () => throw new InvalidOperationException("peer exploded")));
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var peer = (await ReadAsync(response)).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "peer");
        Assert.Equal("peer exploded", peer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Metrics_IsServedInProductionWithTheTextFormatContentType()
    {
        await using var app = await StartAsync(_ => { });
        using var client = app.GetTestClient();
        (await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken)).Dispose();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // Probe traffic is kept out of the request metrics.
        Assert.DoesNotContain(text.Split('\n'), l => l.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal) && l.Contains("http_route=\"/alive\"", StringComparison.Ordinal));
    }

    private static async Task<WebApplication> StartAsync(Action<IHealthChecksBuilder> addChecks)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        addChecks(builder.Services.AddHealthChecks());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }
}
