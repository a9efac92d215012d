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

    /// <summary>Records a handler's start, and its token's cancellation whenever that comes (mid-read, mid-write or mid-delay).</summary>
    public void Started(ServerCallContext context)
    {
        _started.TrySetResult(context);
        context.CancellationToken.UnsafeRegister(static (state, _) => ((CallObserver)((object[])state!)[0]).Cancelled((ServerCallContext)((object[])state!)[1]), new object[] { this, context });
    }

    public void Cancelled(ServerCallContext context) => _cancelled.TrySetResult(context);
}
