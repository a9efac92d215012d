namespace StreamWatch.Grpc.Core;

/// <summary>Per-write hints.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>No hints: the message is compressed if the call compresses, and flushed at once.</summary>
    None = 0,

    /// <summary>The message may be buffered and sent with a later one (flushed at the latest when the stream completes).</summary>
    BufferHint = 0x1,

    /// <summary>Send this message uncompressed even if the call compresses.</summary>
    NoCompress = 0x2,
}
