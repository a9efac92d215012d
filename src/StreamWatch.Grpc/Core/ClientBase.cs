namespace StreamWatch.Grpc.Core;

/// <summary>Base of generated-style clients.</summary>
public abstract class ClientBase<T>
    where T : ClientBase<T>
{
    protected ClientBase(ChannelBase channel)
        : this((channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        => CallInvoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

    /// <summary>Starts the client's calls.</summary>
    protected CallInvoker CallInvoker { get; }
}
