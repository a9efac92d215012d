using System.Buffers;

namespace StreamWatch.Grpc.Core;

/// <summary>
/// Where a marshaller writes one message. Call <see cref="SetPayloadLength"/> when the size is known
/// up front (it lets the transport write the frame header first and serialize in place), write
/// through <see cref="GetBufferWriter"/>, then <see cref="Complete()"/>.
/// </summary>
public abstract class SerializationContext
{
    /// <summary>Declares the exact payload size in bytes before writing.</summary>
    public abstract void SetPayloadLength(int payloadLength);

    /// <summary>The writer the payload goes to.</summary>
    public abstract IBufferWriter<byte> GetBufferWriter();

    /// <summary>Ends the payload written through <see cref="GetBufferWriter"/>.</summary>
    public abstract void Complete();

    /// <summary>Writes a whole payload at once.</summary>
    public virtual void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        SetPayloadLength(payload.Length);
        GetBufferWriter().Write(payload);
        Complete();
    }
}
