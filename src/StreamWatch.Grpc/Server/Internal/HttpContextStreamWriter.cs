using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>A handler's response stream.</summary>
internal sealed class HttpContextStreamWriter<TResponse>(HttpContextServerCallContext call, Marshaller<TResponse> marshaller) : IServerStreamWriter<TResponse>
{
    public WriteOptions? WriteOptions
    {
        get => call.WriteOptions;
        set => call.WriteOptions = value;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(TResponse message, CancellationToken cancellationToken)
        => call.WriteMessageAsync(message, marshaller, null, flush: true, cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken);
}
