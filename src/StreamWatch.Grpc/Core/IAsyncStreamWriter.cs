namespace StreamWatch.Grpc.Core;

/// <summary>A stream of messages written one at a time; at most one write may be pending.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Options for the following writes; null means <see cref="WriteOptions.Default"/>.</summary>
    WriteOptions? WriteOptions { get; set; }

    /// <summary>Writes a message.</summary>
    Task WriteAsync(T message);

    /// <summary>Writes a message; <paramref name="cancellationToken"/> abandons waiting for flow control.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken) => WriteAsync(message);
}
