namespace StreamWatch.Grpc.Core;

/// <summary>
/// A call ended with a non-OK status. Thrown by client calls; thrown by a server handler to end
/// its call with <see cref="Status"/> and <see cref="Trailers"/>.
/// </summary>
public class RpcException : Exception
{
    public RpcException()
        : this(new Status(StatusCode.Unknown, string.Empty))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status(StatusCode.Unknown, message);
        Trailers = Metadata.Empty;
    }

    public RpcException(Status status)
        : this(status, Metadata.Empty)
    {
    }

    public RpcException(Status status, Metadata trailers)
        : base(status.ToString(), status.DebugException)
    {
        Status = status;
        Trailers = trailers ?? Metadata.Empty;
    }

    /// <summary>The call's status.</summary>
    public Status Status { get; }

    /// <summary>The status code; shorthand for <c>Status.StatusCode</c>.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The call's trailers (received by a client, or to send from a server).</summary>
    public Metadata Trailers { get; }
}
