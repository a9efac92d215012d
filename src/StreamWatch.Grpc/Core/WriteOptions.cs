namespace StreamWatch.Grpc.Core;

/// <summary>Options for writes on a stream.</summary>
public sealed class WriteOptions(WriteFlags flags = WriteFlags.None)
{
    /// <summary>No flags.</summary>
    public static readonly WriteOptions Default = new();

    /// <summary>The write hints.</summary>
    public WriteFlags Flags { get; } = flags;
}
