using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamWatch.Grpc.Server;

namespace StreamWatch.Grpc.Health;

/// <summary>Registration of the standard health service.</summary>
public static class GrpcHealthServiceExtensions
{
    /// <summary>Registers <see cref="HealthServiceImpl"/> as a singleton, so the host can set statuses.</summary>
    public static IServiceCollection AddGrpcHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<HealthServiceImpl>();
        return services;
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c>.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
        => endpoints.MapGrpcService<HealthServiceImpl>();
}
