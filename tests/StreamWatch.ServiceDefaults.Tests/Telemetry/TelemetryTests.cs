using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.Telemetry;
using StreamWatch.ServiceDefaults.Tests.Support;

namespace StreamWatch.ServiceDefaults.Tests.Telemetry;

public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutOtlpEndpoint_RequestsAreTracedButNothingIsExported()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapGet("/trace", () => Activity.Current?.TraceId.ToHexString() ?? "none");
        await app.StartAsync(Ct);

        var traceId = await app.GetTestClient().GetStringAsync(new Uri("/trace", UriKind.Relative), Ct);

        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.NotEqual(new string('0', 32), traceId);
        Assert.Null(app.Services.GetRequiredService<TelemetryProviders>().MeterProvider);
    }

    [Fact]
    public async Task HealthProbes_AreNotRecordedForExportButOrdinaryRequestsAre()
    {
        bool? probeRecorded = null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("spy", () =>
        {
            probeRecorded = Activity.Current?.Recorded;
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        });
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/work", () => Activity.Current?.Recorded.ToString() ?? "none");
        await app.StartAsync(Ct);
        var client = app.GetTestClient();

        (await client.GetAsync(new Uri("/health", UriKind.Relative), Ct)).Dispose();
        var workRecorded = await client.GetStringAsync(new Uri("/work", UriKind.Relative), Ct);

        Assert.False(probeRecorded);
        Assert.Equal(bool.TrueString, workRecorded);
    }

    [Fact]
    public async Task WithOtlpEndpointInConfiguration_TracesMetricsAndLogsReachAnOtlpHttpReceiver()
    {
        var received = new ConcurrentDictionary<string, ConcurrentQueue<byte[]>>();
        await using var receiver = await KestrelApp.StartAsync(_ => { }, app => app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.GetOrAdd(signal, _ => new()).Enqueue(body.ToArray());
            return Results.Ok();
        }));
        var serviceName = "otlp-test-" + Guid.NewGuid().ToString("N")[..8];

        var service = await KestrelApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [TelemetryExtensions.OtlpEndpointKey] = receiver.BaseAddress.ToString().TrimEnd('/'),
                    ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                    ["OTEL_SERVICE_NAME"] = serviceName,
                });
                builder.AddServiceDefaults();
            },
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapGet("/work", (ILogger<TelemetryTests> logger) =>
                {
                    logger.LogInformation("did the work for {Caller}", "otlp-test");
                    return "done";
                });
            });
        using (var client = new HttpClient { BaseAddress = service.BaseAddress })
        {
            Assert.Equal("done", await client.GetStringAsync(new Uri("work", UriKind.Relative), Ct));
        }

        // Stopping the host disposes the providers, which flush what they hold.
        await service.DisposeAsync();

        Assert.Contains(serviceName, Text(received, "traces"), StringComparison.Ordinal);
        Assert.Contains("Microsoft.AspNetCore", Text(received, "traces"), StringComparison.Ordinal);
        Assert.Contains("http.server.request.duration", Text(received, "metrics"), StringComparison.Ordinal);
        Assert.Contains("did the work for otlp-test", Text(received, "logs"), StringComparison.Ordinal);
    }

    [Fact]
    public void StructuredLogging_JsonFormatterChosenInConfiguration_KeepsUtcTimestampDefaults()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = ["--Logging:Console:FormatterName=json"] });
        builder.ConfigureStructuredLogging();
        using var host = builder.Build();

        Assert.Equal(ConsoleFormatterNames.Json, host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        var json = host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.UseUtcTimestamp);
        Assert.True(json.IncludeScopes);
        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ ", json.TimestampFormat);
    }

    [Fact]
    public void StructuredLogging_Defaults_AreOverriddenByAnyConfigurationLayer()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = ["--Logging:Console:FormatterOptions:UseUtcTimestamp=false"] });
        builder.ConfigureStructuredLogging();
        using var host = builder.Build();

        var simple = host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        Assert.False(simple.UseUtcTimestamp);
        Assert.True(simple.SingleLine);
    }

    private static string Text(ConcurrentDictionary<string, ConcurrentQueue<byte[]>> received, string signal)
    {
        Assert.True(received.TryGetValue(signal, out var bodies), $"no OTLP {signal} export arrived; got: {string.Join(", ", received.Keys)}");

        // Protobuf carries strings as raw UTF-8: good enough to look for names without a decoder.
        return string.Join("\n", bodies.Select(b => Encoding.UTF8.GetString(b)));
    }
}
