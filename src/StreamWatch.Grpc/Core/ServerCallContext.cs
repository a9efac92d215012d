namespace StreamWatch.Grpc.Core;

/// <summary>What a server handler knows about its call, and how it shapes the response's headers, trailers and status.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method's <c>:path</c>, e.g. <c>/streamwatch.v1.Ingest/Report</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The <c>:authority</c> the client called.</summary>
    public abstract string Host { get; }

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the call's deadline (from <c>grpc-timeout</c>) passes, in UTC; <see cref="DateTime.MaxValue"/> when none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The custom request headers (reserved and pseudo headers excluded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the client cancels (RST_STREAM), the connection drops, or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent at the end of the call when the handler returns normally.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Options for response writes.</summary>
    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>Sends the response headers now, with <paramref name="responseHeaders"/>; at most once, before any message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
