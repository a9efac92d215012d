namespace StreamWatch.Grpc.Core;

/// <summary>The outcome of a call: a code and an optional human-readable detail (<c>grpc-message</c>).</summary>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The successful status.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>A cancelled status with no detail.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    /// <summary>The exception behind the status on the side that produced it, if any; never sent.</summary>
    public Exception? DebugException { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => DebugException is null
            ? $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")"
            : $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\", DebugException=\"{DebugException.GetType()}: {DebugException.Message}\")";
}
