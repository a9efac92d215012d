using StreamWatch.Grpc.Core;

namespace StreamWatch.Contracts.V1.Testing;

/// <summary>
/// The <c>streamwatch.v1.testing.Echo</c> service (echo.proto), for interoperability tests.
/// Hand-written in the shape grpc_csharp_plugin generates (Grpc.Core.Api is not served here): with the real
/// packages, compile the .proto with GrpcServices="Both" and delete this file.
/// </summary>
public static partial class Echo
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "streamwatch.v1.testing.Echo";

    private static readonly Marshaller<EchoRequest> EchoRequestMarshaller = Marshallers.Protobuf(EchoRequest.Parser);

    private static readonly Marshaller<EchoResponse> EchoResponseMarshaller = Marshallers.Protobuf(EchoResponse.Parser);

    /// <summary>The descriptor of <c>Unary</c>.</summary>
    public static readonly Method<EchoRequest, EchoResponse> UnaryMethod = new(MethodType.Unary, ServiceName, "Unary", EchoRequestMarshaller, EchoResponseMarshaller);

    /// <summary>The descriptor of <c>ClientStream</c>.</summary>
    public static readonly Method<EchoRequest, EchoResponse> ClientStreamMethod = new(MethodType.ClientStreaming, ServiceName, "ClientStream", EchoRequestMarshaller, EchoResponseMarshaller);

    /// <summary>The descriptor of <c>ServerStream</c>.</summary>
    public static readonly Method<EchoRequest, EchoResponse> ServerStreamMethod = new(MethodType.ServerStreaming, ServiceName, "ServerStream", EchoRequestMarshaller, EchoResponseMarshaller);

    /// <summary>The descriptor of <c>Bidi</c>.</summary>
    public static readonly Method<EchoRequest, EchoResponse> BidiMethod = new(MethodType.DuplexStreaming, ServiceName, "Bidi", EchoRequestMarshaller, EchoResponseMarshaller);

    /// <summary>Base class of the server-side implementation; every method answers UNIMPLEMENTED until overridden.</summary>
    [BindServiceMethod(typeof(Echo), nameof(BindService))]
    public abstract class EchoBase
    {
        /// <summary>Returns the request's payload.</summary>
        public virtual Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Returns the concatenation of all payloads and the message count.</summary>
        public virtual Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Returns <c>repeat</c> responses, each with the payload.</summary>
        public virtual Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));

        /// <summary>Echoes each request as it arrives.</summary>
        public virtual Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));
    }

    /// <summary>Client of the service.</summary>
    public class EchoClient : ClientBase<EchoClient>
    {
        public EchoClient(ChannelBase channel)
            : base(channel)
        {
        }

        public EchoClient(CallInvoker callInvoker)
            : base(callInvoker)
        {
        }

        /// <summary>Returns the request's payload.</summary>
        public virtual AsyncUnaryCall<EchoResponse> UnaryAsync(EchoRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => UnaryAsync(request, new CallOptions(headers, deadline, cancellationToken));

        /// <summary>Returns the request's payload.</summary>
        public virtual AsyncUnaryCall<EchoResponse> UnaryAsync(EchoRequest request, CallOptions options)
            => CallInvoker.AsyncUnaryCall(UnaryMethod, null, options, request);

        /// <summary>Returns the concatenation of all payloads and the message count.</summary>
        public virtual AsyncClientStreamingCall<EchoRequest, EchoResponse> ClientStream(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => ClientStream(new CallOptions(headers, deadline, cancellationToken));

        /// <summary>Returns the concatenation of all payloads and the message count.</summary>
        public virtual AsyncClientStreamingCall<EchoRequest, EchoResponse> ClientStream(CallOptions options)
            => CallInvoker.AsyncClientStreamingCall(ClientStreamMethod, null, options);

        /// <summary>Returns <c>repeat</c> responses, each with the payload.</summary>
        public virtual AsyncServerStreamingCall<EchoResponse> ServerStream(EchoRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => ServerStream(request, new CallOptions(headers, deadline, cancellationToken));

        /// <summary>Returns <c>repeat</c> responses, each with the payload.</summary>
        public virtual AsyncServerStreamingCall<EchoResponse> ServerStream(EchoRequest request, CallOptions options)
            => CallInvoker.AsyncServerStreamingCall(ServerStreamMethod, null, options, request);

        /// <summary>Echoes each request as it arrives.</summary>
        public virtual AsyncDuplexStreamingCall<EchoRequest, EchoResponse> Bidi(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => Bidi(new CallOptions(headers, deadline, cancellationToken));

        /// <summary>Echoes each request as it arrives.</summary>
        public virtual AsyncDuplexStreamingCall<EchoRequest, EchoResponse> Bidi(CallOptions options)
            => CallInvoker.AsyncDuplexStreamingCall(BidiMethod, null, options);
    }

    /// <summary>Lists the service's methods to <paramref name="binder"/>; a null <paramref name="serviceImpl"/> binds by name (dependency injection).</summary>
    public static void BindService(ServiceBinderBase binder, EchoBase? serviceImpl)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(UnaryMethod, serviceImpl is null ? null : new UnaryServerMethod<EchoRequest, EchoResponse>(serviceImpl.Unary));
        binder.AddMethod(ClientStreamMethod, serviceImpl is null ? null : new ClientStreamingServerMethod<EchoRequest, EchoResponse>(serviceImpl.ClientStream));
        binder.AddMethod(ServerStreamMethod, serviceImpl is null ? null : new ServerStreamingServerMethod<EchoRequest, EchoResponse>(serviceImpl.ServerStream));
        binder.AddMethod(BidiMethod, serviceImpl is null ? null : new DuplexStreamingServerMethod<EchoRequest, EchoResponse>(serviceImpl.Bidi));
    }
}
