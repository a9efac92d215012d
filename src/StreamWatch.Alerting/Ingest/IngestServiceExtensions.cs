using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamWatch.Grpc.Health;
using StreamWatch.Grpc.Server;

namespace StreamWatch.Alerting.Ingest;

/// <summary>Registers and maps the probe ingest (gRPC) and the default endpoints of the alerting service.</summary>
public static class IngestServiceExtensions
{
    /// <summary>Default HTTP endpoint when nothing is configured (CONTRACTS.md).</summary>
    public const string DefaultHttpUrl = "http://*:8081";

    /// <summary>Default gRPC (h2c) endpoint when nothing is configured (CONTRACTS.md).</summary>
    public const string DefaultGrpcUrl = "http://*:8082";

    /// <summary>
    /// Adds the gRPC server (options section <c>Grpc</c>), <c>grpc.health.v1.Health</c> and the
    /// <c>streamwatch.v1.Ingest</c> service. When no endpoint is configured at all (no
    /// <c>Kestrel:Endpoints</c>, <c>urls</c> or <c>http_ports</c>), listens on
    /// <see cref="DefaultHttpUrl"/> (endpoint <c>Http</c>) and <see cref="DefaultGrpcUrl"/> (endpoint
    /// <c>Grpc</c>, HTTP/2 only). Requires the store (<c>AddAlertStore</c>): acks wait for Redis.
    /// </summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()
            && string.IsNullOrEmpty(configuration["urls"])
            && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Http:Url"] = DefaultHttpUrl,
                ["Kestrel:Endpoints:Grpc:Url"] = DefaultGrpcUrl,
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            });
        }

        var services = builder.Services;
        services.AddGrpcStandIn();
        services.AddOptions<GrpcServiceOptions>().BindConfiguration(GrpcServiceOptions.SectionName);
        services.AddGrpcHealth();
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<IngestService>();
        return builder;
    }

    /// <summary>Maps <c>streamwatch.v1.Ingest</c> and <c>grpc.health.v1.Health</c> (both reported serving).</summary>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<IngestService>();
        endpoints.MapGrpcHealthService();
        var health = endpoints.ServiceProvider.GetRequiredService<HealthServiceImpl>();
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(Contracts.V1.Ingest.ServiceName, HealthCheckResponse.Types.ServingStatus.Serving);
        return endpoints;
    }
}
