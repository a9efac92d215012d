using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>A handler's request stream.</summary>
internal sealed class HttpContextStreamReader<TRequest>(HttpContextServerCallContext call, Marshaller<TRequest> marshaller) : IAsyncStreamReader<TRequest>
{
    private TRequest? _current;

    public TRequest Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
        var pending = call.ReadNextAsync(marshaller, token);
        if (pending.IsCompletedSuccessfully)
        {
            var (hasMessage, message) = pending.Result;
            _current = message;
            return hasMessage ? CachedTrue : CachedFalse;
        }

        return Awaited(pending);
    }

    private static readonly Task<bool> CachedTrue = Task.FromResult(true);
    private static readonly Task<bool> CachedFalse = Task.FromResult(false);

    private async Task<bool> Awaited(ValueTask<(bool HasMessage, TRequest? Message)> pending)
    {
        var (hasMessage, message) = await pending.ConfigureAwait(false);
        _current = message;
        return hasMessage;
    }
}
