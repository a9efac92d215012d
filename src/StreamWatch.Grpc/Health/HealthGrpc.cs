using StreamWatch.Grpc.Core;

// Namespace Grpc.Health.V1, not the folder's: it must match the messages' csharp_namespace, as generated code does.

namespace Grpc.Health.V1;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service (health.proto).
/// Hand-written in the shape grpc_csharp_plugin generates (Grpc.Core.Api is not served here): with the real
/// packages, compile the .proto with GrpcServices="Both" and delete this file.
/// </summary>
public static partial class Health
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "grpc.health.v1.Health";

    private static readonly Marshaller<HealthCheckRequest> HealthCheckRequestMarshaller = Marshallers.Protobuf(HealthCheckRequest.Parser);

    private static readonly Marshaller<HealthCheckResponse> HealthCheckResponseMarshaller = Marshallers.Protobuf(HealthCheckResponse.Parser);

    /// <summary>The descriptor of <c>Check</c>.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod = new(MethodType.Unary, ServiceName, "Check", HealthCheckRequestMarshaller, HealthCheckResponseMarshaller);

    /// <summary>The descriptor of <c>Watch</c>.</summary>
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod = new(MethodType.ServerStreaming, ServiceName, "Watch", HealthCheckRequestMarshaller, HealthCheckResponseMarshaller);

    /// <summary>Base class of the server-side implementation; every method answers UNIMPLEMENTED until overridden.</summary>
    [BindServiceMethod(typeof(Health), nameof(BindService))]
    public abstract class HealthBase
    {
        /// <summary>The serving status of a service (empty name: the whole server); NOT_FOUND for an unknown one.</summary>
        public virtual Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>The serving status now and after every change, until the client cancels.</summary>
        public virtual Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));
    }

    /// <summary>Client of the service.</summary>
    public class HealthClient : ClientBase<HealthClient>
    {
        public HealthClient(ChannelBase channel)
            : base(channel)
        {
        }

        public HealthClient(CallInvoker callInvoker)
            : base(callInvoker)
        {
        }

        /// <summary>The serving status of a service (empty name: the whole server); NOT_FOUND for an unknown one.</summary>
        public virtual AsyncUnaryCall<HealthCheckResponse> CheckAsync(HealthCheckRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => CheckAsync(request, new CallOptions(headers, deadline, cancellationToken));

        /// <summary>The serving status of a service (empty name: the whole server); NOT_FOUND for an unknown one.</summary>
        public virtual AsyncUnaryCall<HealthCheckResponse> CheckAsync(HealthCheckRequest request, CallOptions options)
            => CallInvoker.AsyncUnaryCall(CheckMethod, null, options, request);

        /// <summary>The serving status now and after every change, until the client cancels.</summary>
        public virtual AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => Watch(request, new CallOptions(headers, deadline, cancellationToken));

        /// <summary>The serving status now and after every change, until the client cancels.</summary>
        public virtual AsyncServerStreamingCall<HealthCheckResponse> Watch(HealthCheckRequest request, CallOptions options)
            => CallInvoker.AsyncServerStreamingCall(WatchMethod, null, options, request);
    }

    /// <summary>Lists the service's methods to <paramref name="binder"/>; a null <paramref name="serviceImpl"/> binds by name (dependency injection).</summary>
    public static void BindService(ServiceBinderBase binder, HealthBase? serviceImpl)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(CheckMethod, serviceImpl is null ? null : new UnaryServerMethod<HealthCheckRequest, HealthCheckResponse>(serviceImpl.Check));
        binder.AddMethod(WatchMethod, serviceImpl is null ? null : new ServerStreamingServerMethod<HealthCheckRequest, HealthCheckResponse>(serviceImpl.Watch));
    }
}
