using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>What the server's handlers saw, for tests that assert on the server side of a call.</summary>
public sealed class CallObserver
{
    private readonly TaskCompletionSource<ServerCallContext> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ServerCallContext> _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first call a handler started.</summary>
    public Task<ServerCallContext> FirstStarted => _started.Task;

    /// <summary>The first call whose handler saw its cancellation token fire.</summary>
    public Task<ServerCallContext> FirstCancelled => _cancelled.Task;

    public void Started(ServerCallContext context) => _started.TrySetResult(context);

    public void Cancelled(ServerCallContext context) => _cancelled.TrySetResult(context);
}
