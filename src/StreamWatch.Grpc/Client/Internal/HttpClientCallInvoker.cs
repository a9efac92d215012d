using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Client.Internal;

/// <summary>Starts calls on a <see cref="GrpcChannel"/>.</summary>
internal sealed class HttpClientCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(method, options, channel);
        call.StartWithRequest(request);
        return new AsyncUnaryCall<TResponse>(call.GetSingleResponseAsync(), call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(method, options, channel);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(call.RequestStream, call.GetSingleResponseAsync(), call);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new GrpcCall<TRequest, TResponse>(method, options, channel);
        call.StartWithRequest(request);
        return new AsyncServerStreamingCall<TResponse>(call, call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(method, options, channel);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call.RequestStream, call, call);
    }
}
