using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StreamWatch.Grpc.Server.Internal;

namespace StreamWatch.Grpc.Server;

/// <summary>Registers the gRPC server (the stand-in for Grpc.AspNetCore's <c>AddGrpc</c>).</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gRPC server's services and options (section <see cref="GrpcServiceOptions.SectionName"/>
    /// if bound by the caller, then <paramref name="configure"/>), validated on start.
    /// </summary>
    public static IServiceCollection AddGrpcStandIn(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcMarkerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrpcServiceOptions>, GrpcServiceOptionsValidator>());
        var builder = services.AddOptions<GrpcServiceOptions>().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services;
    }
}
