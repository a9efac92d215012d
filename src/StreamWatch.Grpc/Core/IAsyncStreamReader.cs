namespace StreamWatch.Grpc.Core;

/// <summary>A stream of messages read one at a time: <c>while (await MoveNext(ct)) use(Current);</c>.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message <see cref="MoveNext"/> last read.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
