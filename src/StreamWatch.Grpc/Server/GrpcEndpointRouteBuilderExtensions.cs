using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Server.Internal;

namespace StreamWatch.Grpc.Server;

/// <summary>Maps gRPC services to endpoints (the stand-in for Grpc.AspNetCore's <c>MapGrpcService</c>).</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private static readonly string[] PostOnly = [HttpMethods.Post];

    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> to <c>POST /package.Service/Method</c>.
    /// The service derives from a base marked with <see cref="BindServiceMethodAttribute"/>; each call
    /// gets the instance registered in the container, or a new one disposed after the call.
    /// The first call also maps the UNIMPLEMENTED answer for unknown gRPC services and methods.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var marker = services.GetService<GrpcMarkerService>()
            ?? throw new InvalidOperationException("Call services.AddGrpcStandIn() before mapping gRPC services.");
        var factory = new HttpCallHandlerFactory(
            services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<TimeProvider>());

        var binder = new ServiceMethodBinder<TService>();
        InvokeBindService(binder);

        var builders = new List<IEndpointConventionBuilder>(binder.Bound.Count);
        foreach (var (method, createHandler) in binder.Bound)
        {
            builders.Add(endpoints.MapMethods("/" + method.FullName, PostOnly, createHandler(factory))
                .WithDisplayName("gRPC - /" + method.FullName)
                .WithMetadata(method));
        }

        if (!marker.UnimplementedMapped)
        {
            marker.UnimplementedMapped = true;
            MapUnimplemented(endpoints, factory.Logger);
        }

        return new CompositeEndpointConventionBuilder(builders);
    }

    private static void InvokeBindService<TService>(ServiceMethodBinder<TService> binder)
        where TService : class
    {
        var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)
            ?? throw new InvalidOperationException($"{typeof(TService)} does not derive from a gRPC service base marked with [BindServiceMethod].");
        MethodInfo? bind = null;
        foreach (var candidate in attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            var parameters = candidate.GetParameters();
            if (candidate.Name == attribute.BindMethodName && parameters.Length == 2 && parameters[0].ParameterType == typeof(ServiceBinderBase))
            {
                bind = candidate;
                break;
            }
        }

        if (bind is null)
        {
            throw new InvalidOperationException($"{attribute.BindType} has no static {attribute.BindMethodName}(ServiceBinderBase, ...) method.");
        }

        bind.Invoke(null, [binder, null]);
    }

    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, ILogger logger)
    {
        // Literal method routes always win over these parameter routes; a request that lands here is
        // gRPC to an unknown service or method (spec: UNIMPLEMENTED), or not gRPC at all (404).
        endpoints.MapMethods("{unimplementedService}/{unimplementedMethod}", PostOnly, http =>
            {
                if (!Internal.GrpcRequestValidation.Validate(http, logger))
                {
                    return Task.CompletedTask;
                }

                ServerLog.Unimplemented(logger, http.Request.Path.Value ?? string.Empty);
                var service = (string?)http.Request.RouteValues["unimplementedService"];
                var known = false;
                foreach (var source in endpoints.DataSources)
                {
                    foreach (var endpoint in source.Endpoints)
                    {
                        if (endpoint.Metadata.GetMetadata<IMethod>() is { } method && method.ServiceName == service)
                        {
                            known = true;
                            break;
                        }
                    }
                }

                GrpcRequestValidation.SetTrailersOnly(http, StatusCode.Unimplemented, known ? "Method is unimplemented." : "Service is unimplemented.");
                return Task.CompletedTask;
            })
            .WithDisplayName("gRPC - unimplemented");
    }

    private sealed class CompositeEndpointConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
