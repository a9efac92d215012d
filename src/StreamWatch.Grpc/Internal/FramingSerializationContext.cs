using System.Buffers;
using System.Buffers.Binary;
using StreamWatch.Buffers;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Internal;

/// <summary>
/// Writes length-prefixed messages into a transport buffer (a <see cref="System.IO.Pipelines.PipeWriter"/>).
/// Uncompressed messages whose size the marshaller declares are serialized in place behind their
/// 5-byte header; others go through a pooled scratch buffer. One instance per call, reused per message.
/// </summary>
internal sealed class FramingSerializationContext : SerializationContext, IDisposable
{
    private readonly int? _maxSendSize;
    private readonly PooledBufferWriter _scratch = new();
    private readonly CountingBufferWriter _direct = new();
    private int _declaredLength;
    private PooledBufferWriter? _compressed;
    private IBufferWriter<byte>? _destination;
    private MessageCompression _compression;
    private State _state;

    public FramingSerializationContext(int? maxSendSize) => _maxSendSize = maxSendSize;

    private enum State
    {
        Idle,
        Started,
        Direct,
        Buffered,
        Completed,
    }

    /// <summary>Serializes <paramref name="message"/> as one frame into <paramref name="destination"/>.</summary>
    public void WriteMessage<T>(IBufferWriter<byte> destination, T message, Marshaller<T> marshaller, MessageCompression compression)
    {
        _destination = destination;
        _compression = compression;
        _state = State.Started;
        try
        {
            marshaller.ContextualSerializer(message, this);
            if (_state != State.Completed)
            {
                throw new InvalidOperationException("The marshaller did not complete the serialization context.");
            }
        }
        finally
        {
            _destination = null;
            _state = State.Idle;
        }
    }

    public override void SetPayloadLength(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        if (_state != State.Started)
        {
            throw new InvalidOperationException("SetPayloadLength must come once, before the payload is written.");
        }

        if (_compression.Enabled)
        {
            _state = State.Buffered;
            _scratch.Clear();
            return;
        }

        CheckSendSize(payloadLength);
        WriteHeader(_destination!, compressed: false, payloadLength);
        _declaredLength = payloadLength;
        _direct.Start(_destination!);
        _state = State.Direct;
    }

    public override IBufferWriter<byte> GetBufferWriter()
    {
        switch (_state)
        {
            case State.Direct:
                return _direct;
            case State.Started:
                _scratch.Clear();
                _state = State.Buffered;
                return _scratch;
            case State.Buffered:
                return _scratch;
            default:
                throw new InvalidOperationException("The serialization context is not accepting a payload.");
        }
    }

    public override void Complete()
    {
        if (_state == State.Direct)
        {
            if (_direct.Written != _declaredLength)
            {
                // The header already promised another length: the stream is now corrupt, and the
                // caller must reset it. Typically a message mutated by another thread mid-write.
                throw new PayloadLengthMismatchException($"The marshaller declared {_declaredLength} bytes and wrote {_direct.Written}.");
            }

            _state = State.Completed;
            return;
        }

        if (_state != State.Buffered)
        {
            throw new InvalidOperationException("Complete was called without a payload.");
        }

        var payload = _scratch.WrittenSpan;
        if (_compression.Enabled)
        {
            _compressed ??= new PooledBufferWriter();
            GzipCompression.Compress(payload, _compressed, _compression.Level);
            payload = _compressed.WrittenSpan;
        }

        CheckSendSize(payload.Length);
        WriteHeader(_destination!, _compression.Enabled, payload.Length);
        payload.CopyTo(_destination!.GetSpan(payload.Length));
        _destination.Advance(payload.Length);
        _state = State.Completed;
    }

    public void Dispose()
    {
        _scratch.Dispose();
        _compressed?.Dispose();
    }

    /// <summary>Counts what a marshaller writes in place, to hold it to its declared length.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private IBufferWriter<byte>? _inner;

        public int Written { get; private set; }

        public void Start(IBufferWriter<byte> inner)
        {
            _inner = inner;
            Written = 0;
        }

        public void Advance(int count)
        {
            Written += count;
            _inner!.Advance(count);
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => _inner!.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => _inner!.GetSpan(sizeHint);
    }

    private static void WriteHeader(IBufferWriter<byte> destination, bool compressed, int length)
    {
        var header = destination.GetSpan(GrpcProtocolConstants.HeaderSize);
        header[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)length);
        destination.Advance(GrpcProtocolConstants.HeaderSize);
    }

    private void CheckSendSize(int payloadLength)
    {
        if (_maxSendSize is { } max && payloadLength > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }
    }
}
