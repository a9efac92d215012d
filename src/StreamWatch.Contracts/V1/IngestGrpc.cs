using StreamWatch.Grpc.Core;

namespace StreamWatch.Contracts.V1;

/// <summary>
/// The <c>streamwatch.v1.Ingest</c> service (ingest.proto): probe to alerting.
/// Hand-written in the shape grpc_csharp_plugin generates (Grpc.Core.Api is not served here): with the real
/// packages, compile the .proto with GrpcServices="Both" and delete this file.
/// </summary>
public static partial class Ingest
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "streamwatch.v1.Ingest";

    private static readonly Marshaller<ProbeEnvelope> ProbeEnvelopeMarshaller = Marshallers.Protobuf(ProbeEnvelope.Parser);

    private static readonly Marshaller<IngestAck> IngestAckMarshaller = Marshallers.Protobuf(IngestAck.Parser);

    /// <summary>The descriptor of <c>Report</c>.</summary>
    public static readonly Method<ProbeEnvelope, IngestAck> ReportMethod = new(MethodType.DuplexStreaming, ServiceName, "Report", ProbeEnvelopeMarshaller, IngestAckMarshaller);

    /// <summary>Base class of the server-side implementation; every method answers UNIMPLEMENTED until overridden.</summary>
    [BindServiceMethod(typeof(Ingest), nameof(BindService))]
    public abstract class IngestBase
    {
        /// <summary>Probe reports in (hello first), cumulative acks out; see ingest.proto for the resume protocol.</summary>
        public virtual Task Report(IAsyncStreamReader<ProbeEnvelope> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
            => throw new RpcException(new Status(StatusCode.Unimplemented, string.Empty));
    }

    /// <summary>Client of the service.</summary>
    public class IngestClient : ClientBase<IngestClient>
    {
        public IngestClient(ChannelBase channel)
            : base(channel)
        {
        }

        public IngestClient(CallInvoker callInvoker)
            : base(callInvoker)
        {
        }

        /// <summary>Probe reports in (hello first), cumulative acks out; see ingest.proto for the resume protocol.</summary>
        public virtual AsyncDuplexStreamingCall<ProbeEnvelope, IngestAck> Report(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
            => Report(new CallOptions(headers, deadline, cancellationToken));

        /// <summary>Probe reports in (hello first), cumulative acks out; see ingest.proto for the resume protocol.</summary>
        public virtual AsyncDuplexStreamingCall<ProbeEnvelope, IngestAck> Report(CallOptions options)
            => CallInvoker.AsyncDuplexStreamingCall(ReportMethod, null, options);
    }

    /// <summary>Lists the service's methods to <paramref name="binder"/>; a null <paramref name="serviceImpl"/> binds by name (dependency injection).</summary>
    public static void BindService(ServiceBinderBase binder, IngestBase? serviceImpl)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(ReportMethod, serviceImpl is null ? null : new DuplexStreamingServerMethod<ProbeEnvelope, IngestAck>(serviceImpl.Report));
    }
}
