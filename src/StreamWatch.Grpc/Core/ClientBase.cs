namespace StreamWatch.Grpc.Core;

/// <summary>Base of generated-style clients.</summary>
public abstract class ClientBase<T>(CallInvoker callInvoker)
    where T : ClientBase<T>
{
    /// <summary>Starts the client's calls.</summary>
    protected CallInvoker CallInvoker { get; } = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));
}
