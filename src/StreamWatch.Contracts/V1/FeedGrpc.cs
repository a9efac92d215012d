using StreamWatch.Grpc.Core;

namespace StreamWatch.Contracts.V1;

/// <summary>
/// The <c>streamwatch.v1.Feed</c> service (feed.proto): alert and state changes for other consumers.
/// Hand-written in the shape grpc_csharp_plugin generates (Grpc.Core.Api is not served here): with the real
/// packages, compile the .proto with GrpcServices="Both" and delete this file.
/// </summary>
public static partial class Feed
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "streamwatch.v1.Feed";

    private static readonly Marshaller<WatchRequest> WatchRequestMarshaller = Marshallers.Protobuf(WatchRequest.Parser);

    private static readonly Marshaller<FeedEvent> FeedEventMarshaller = Marshallers.Protobuf(FeedEvent.Parser);

    /// <summary>The descriptor of <c>Watch</c>.</summary>
    public static readonly Method<WatchRequest, FeedEvent> WatchMethod = new(MethodType.ServerStreaming, ServiceName, "Watch", WatchRequestMarshaller, FeedEventMarshaller);

    /// <summary>Base class of the server-side implementation; every method answers UNIMPLEMENTED until overridden.</summary>
    [BindServiceMethod(typeof(Feed), nameof(BindService))]
    public abstract class FeedBase
    {
        /// <summary>A snapshot, then live alert and state changes until the client cancels.</summary>
        public virtual Task Watch(WatchRequest request, IServerStreamWriter<FeedEvent> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));
    }

    /// <summary>Client of the service.</summary>
    public class FeedClient : ClientBase<FeedClient>
    {
        public FeedClient(ChannelBase channel)
            : base(channel)
        {
        }

        public FeedClient(CallInvoker callInvoker)
            : base(callInvoker)
        {
        }

        /// <summary>A snapshot, then live alert and state changes until the client cancels.</summary>
        public virtual AsyncServerStreamingCall<FeedEvent> Watch(WatchRequest request, Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => Watch(request, new CallOptions(headers, deadline, cancellationToken));

        /// <summary>A snapshot, then live alert and state changes until the client cancels.</summary>
        public virtual AsyncServerStreamingCall<FeedEvent> Watch(WatchRequest request, CallOptions options)
            => CallInvoker.AsyncServerStreamingCall(WatchMethod, null, options, request);
    }

    /// <summary>Lists the service's methods to <paramref name="binder"/>; a null <paramref name="serviceImpl"/> binds by name (dependency injection).</summary>
    public static void BindService(ServiceBinderBase binder, FeedBase? serviceImpl)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(WatchMethod, serviceImpl is null ? null : new ServerStreamingServerMethod<WatchRequest, FeedEvent>(serviceImpl.Watch));
    }
}
