using System.Buffers;
using System.IO.Compression;
using StreamWatch.Buffers;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Internal;

/// <summary>gzip message compression (RFC 1952), the one compressed <c>grpc-encoding</c> every gRPC implementation supports.</summary>
internal static class GzipCompression
{
    public static void Compress(ReadOnlySpan<byte> payload, PooledBufferWriter destination, CompressionLevel level)
    {
        destination.Clear();
        using var output = new BufferWriterStream(destination);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(payload);
        }
    }

    /// <summary>Inflates <paramref name="payload"/>; a result larger than <paramref name="maxSize"/> bytes is RESOURCE_EXHAUSTED, corrupt data INTERNAL.</summary>
    public static void Decompress(ReadOnlySequence<byte> payload, PooledBufferWriter destination, int? maxSize)
    {
        destination.Clear();
        using var input = new ReadOnlySequenceStream(payload);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        try
        {
            while (true)
            {
                var span = destination.GetSpan(16 * 1024);
                var read = gzip.Read(span);
                if (read == 0)
                {
                    return;
                }

                destination.Advance(read);
                if (maxSize is { } max && destination.WrittenCount > max)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress message.") { DebugException = ex });
        }
    }

    private sealed class BufferWriterStream(PooledBufferWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            buffer.CopyTo(writer.GetSpan(buffer.Length));
            writer.Advance(buffer.Length);
        }
    }

    private sealed class ReadOnlySequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, take).CopyTo(buffer);
            _remaining = _remaining.Slice(take);
            return take;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
