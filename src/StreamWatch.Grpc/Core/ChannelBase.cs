namespace StreamWatch.Grpc.Core;

/// <summary>A connection to a server that clients make calls on.</summary>
public abstract class ChannelBase(string target)
{
    /// <summary>What the channel connects to, e.g. <c>127.0.0.1:8082</c>.</summary>
    public string Target { get; } = target;

    /// <summary>An invoker that starts calls on this channel.</summary>
    public abstract CallInvoker CreateCallInvoker();
}
