using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Alerting.Store;
using StreamWatch.Grpc.Client;
using StreamWatch.ServiceDefaults;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>
/// The alerting service as Program.cs composes it (service defaults, engine, Redis store, gRPC
/// ingest), in process on two free loopback ports, against a real Redis, with a manual clock for
/// the engine.
/// </summary>
internal sealed class AlertingTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private AlertingTestHost(WebApplication app, int httpPort, int grpcPort)
    {
        _app = app;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public Uri HttpAddress { get; }

    public Uri GrpcAddress { get; }

    public IServiceProvider Services => _app.Services;

    internal AlertStoreWriter Writer => _app.Services.GetRequiredService<AlertStoreWriter>();

    public static async Task<AlertingTestHost> StartAsync(
        RedisServer redis,
        ManualTimeProvider time,
        string replicaId = "replica-a",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var httpPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Alerting:Redis:ReplicaId"] = replicaId,
            ["Alerting:Redis:LeaseDuration"] = "00:00:03",
            ["Alerting:Redis:LeaseRenewInterval"] = "00:00:01",
            ["Alerting:Redis:MaxRetryDelay"] = "00:00:00.500",
            ["Alerting:EvaluationInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddServiceDefaults();
        builder.AddAlerting();
        builder.AddAlertStore();
        builder.AddIngest();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngest();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new AlertingTestHost(app, httpPort, grpcPort);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(GrpcAddress);

    public async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
