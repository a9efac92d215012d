using System.Reflection;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>
/// Receives a service's method descriptors from its <c>BindService</c> (called with a null instance)
/// and finds each implementation on <typeparamref name="TService"/> by name and signature, as an
/// open-instance delegate so a call costs one virtual invocation and no reflection.
/// </summary>
internal sealed class ServiceMethodBinder<TService> : ServiceBinderBase
    where TService : class
{
    public List<(IMethod Method, Func<HttpCallHandlerFactory, Microsoft.AspNetCore.Http.RequestDelegate> CreateHandler)> Bound { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        => Add<TRequest, TResponse, Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(method, typeof(TRequest), typeof(ServerCallContext));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        => Add<TRequest, TResponse, Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        => Add<TRequest, TResponse, Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        => Add<TRequest, TResponse, Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));

    private void Add<TRequest, TResponse, TInvoker>(Method<TRequest, TResponse> method, params Type[] parameters)
        where TRequest : class
        where TResponse : class
        where TInvoker : Delegate
    {
        var methodInfo = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService)} has no public method {method.Name} for gRPC method {method.FullName}.");
        var invoker = methodInfo.CreateDelegate<TInvoker>();
        Bound.Add((method, factory => factory.Create<TService, TRequest, TResponse>(method, invoker)));
    }
}
