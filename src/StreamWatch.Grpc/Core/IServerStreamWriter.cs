namespace StreamWatch.Grpc.Core;

/// <summary>A server handler's response stream.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
