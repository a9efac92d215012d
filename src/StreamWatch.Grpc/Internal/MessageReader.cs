using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using StreamWatch.Buffers;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Internal;

/// <summary>
/// Reads length-prefixed messages from a <see cref="PipeReader"/>: messages split across reads and
/// several messages in one read are both handled, the payload is parsed straight from the pooled
/// pipe segments, and the size limit is checked on the header, before the payload is buffered.
/// One instance per call; not thread-safe (gRPC allows one pending read).
/// </summary>
internal sealed class MessageReader : DeserializationContext, IDisposable
{
    private readonly PipeReader _reader;
    private readonly int? _maxReceiveSize;
    private readonly bool _decompress;
    private PooledBufferWriter? _decompressed;
    private ReadOnlySequence<byte> _payload;

    /// <param name="reader">The body.</param>
    /// <param name="maxReceiveSize">Largest payload accepted, in bytes, compressed or not; null for no limit.</param>
    /// <param name="decompress">True when the peer's <c>grpc-encoding</c> is gzip.</param>
    public MessageReader(PipeReader reader, int? maxReceiveSize, bool decompress)
    {
        _reader = reader;
        _maxReceiveSize = maxReceiveSize;
        _decompress = decompress;
    }

    public override int PayloadLength => (int)_payload.Length;

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;

    /// <summary>Reads the next message; <c>(false, default)</c> at a clean end of the body.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED over the limit; INTERNAL for a truncated or ill-flagged message.</exception>
    public async ValueTask<(bool HasMessage, T? Message)> ReadAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(buffer, marshaller, out var message, out var consumed))
            {
                _reader.AdvanceTo(consumed);
                return (true, message);
            }

            if (result.IsCompleted)
            {
                _reader.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return (false, default);
                }

                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            // Not a whole frame yet: keep it all, ask for more.
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public void Dispose() => _decompressed?.Dispose();

    private bool TryReadFrame<T>(ReadOnlySequence<byte> buffer, Marshaller<T> marshaller, out T? message, out SequencePosition consumed)
    {
        message = default;
        consumed = buffer.Start;
        if (buffer.Length < GrpcProtocolConstants.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocolConstants.HeaderSize];
        buffer.Slice(0, GrpcProtocolConstants.HeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Unexpected compressed-flag value " + flag + "."));
        }

        if (length > int.MaxValue || (_maxReceiveSize is { } max && length > max))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        }

        var frameLength = GrpcProtocolConstants.HeaderSize + (long)length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        var payload = buffer.Slice(GrpcProtocolConstants.HeaderSize, length);
        if (flag == 1)
        {
            if (!_decompress)
            {
                throw new RpcException(new Status(StatusCode.Internal, "A compressed message arrived but the call's grpc-encoding is identity."));
            }

            _decompressed ??= new PooledBufferWriter();
            GzipCompression.Decompress(payload, _decompressed, _maxReceiveSize);
            payload = new ReadOnlySequence<byte>(_decompressed.WrittenMemory);
        }

        _payload = payload;
        try
        {
            message = marshaller.ContextualDeserializer(this);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message.") { DebugException = ex });
        }
        finally
        {
            _payload = default;
        }

        consumed = buffer.GetPosition(frameLength);
        return true;
    }
}
