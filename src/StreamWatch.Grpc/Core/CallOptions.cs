namespace StreamWatch.Grpc.Core;

/// <summary>Per-call options of a client call.</summary>
public readonly record struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default, WriteOptions? writeOptions = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
    }

    /// <summary>Custom request headers. <c>grpc-internal-encoding-request: gzip</c> compresses the request messages.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>When the call must be over, in UTC; sent as <c>grpc-timeout</c> and enforced locally. Null means none.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call (the server sees RST_STREAM CANCEL).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Options for request writes.</summary>
    public WriteOptions? WriteOptions { get; init; }

    public CallOptions WithHeaders(Metadata headers) => this with { Headers = headers };

    public CallOptions WithDeadline(DateTime deadline) => this with { Deadline = deadline };

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => this with { CancellationToken = cancellationToken };
}
