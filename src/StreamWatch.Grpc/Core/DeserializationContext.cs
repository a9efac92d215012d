using System.Buffers;

namespace StreamWatch.Grpc.Core;

/// <summary>One received message payload, handed to a marshaller. Valid only during the call.</summary>
public abstract class DeserializationContext
{
    /// <summary>The payload size in bytes (after decompression).</summary>
    public abstract int PayloadLength { get; }

    /// <summary>The payload without copying; it may span several pooled segments.</summary>
    public abstract ReadOnlySequence<byte> PayloadAsReadOnlySequence();

    /// <summary>The payload copied into a new array.</summary>
    public virtual byte[] PayloadAsNewBuffer() => PayloadAsReadOnlySequence().ToArray();
}
