namespace StreamWatch.Grpc.Core;

/// <summary>A client's request stream.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the call: the server sees the end of its request stream.</summary>
    Task CompleteAsync();
}
