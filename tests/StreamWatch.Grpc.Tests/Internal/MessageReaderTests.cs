using System.Buffers.Binary;
using System.IO.Pipelines;
using StreamWatch.Buffers;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Tests.Internal;

public sealed class MessageReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Marshaller<EchoRequest> Marshaller = Marshallers.Protobuf(EchoRequest.Parser);

    [Fact]
    public async Task ReadAsync_MessagesSplitAcrossWritesOfOneByte_AreReassembled()
    {
        var frames = Frames(new EchoRequest { Message = "first" }, new EchoRequest { Message = "second" });
        var pipe = new Pipe();
        var producer = Task.Run(async () =>
        {
            foreach (var b in frames)
            {
                await pipe.Writer.WriteAsync(new[] { b }, Ct);
            }

            await pipe.Writer.CompleteAsync();
        }, Ct);

        using var reader = new MessageReader(pipe.Reader, 1024, decompress: false);
        var messages = await ReadAllAsync(reader);
        await producer;
        Assert.Equal(["first", "second"], messages);
    }

    [Fact]
    public async Task ReadAsync_SeveralMessagesInOneWrite_AreAllRead()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Frames(new EchoRequest { Message = "a" }, new EchoRequest { Message = "b" }, new EchoRequest { Message = "c" }), Ct);
        await pipe.Writer.CompleteAsync();
        using var reader = new MessageReader(pipe.Reader, 1024, decompress: false);
        Assert.Equal(["a", "b", "c"], await ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadAsync_LengthOverTheLimit_IsResourceExhaustedBeforeThePayloadArrives()
    {
        var pipe = new Pipe();
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 10_000);
        await pipe.Writer.WriteAsync(header, Ct);
        using var reader = new MessageReader(pipe.Reader, 1024, decompress: false);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(Marshaller, Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_BodyEndsMidMessage_IsInternal()
    {
        var pipe = new Pipe();
        var frames = Frames(new EchoRequest { Message = "truncated" });
        await pipe.Writer.WriteAsync(frames.AsMemory(0, frames.Length - 2), Ct);
        await pipe.Writer.CompleteAsync();
        using var reader = new MessageReader(pipe.Reader, 1024, decompress: false);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(Marshaller, Ct));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_CompressedFlagWithoutAnEncoding_IsInternal()
    {
        var pipe = new Pipe();
        var frames = Frames(new EchoRequest { Message = "x" });
        frames[0] = 1;
        await pipe.Writer.WriteAsync(frames, Ct);
        await pipe.Writer.CompleteAsync();
        using var reader = new MessageReader(pipe.Reader, 1024, decompress: false);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(Marshaller, Ct));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task WriteThenRead_Gzip_RoundTrips()
    {
        var pipe = new Pipe();
        using (var serializer = new FramingSerializationContext(maxSendSize: null))
        {
            serializer.WriteMessage(pipe.Writer, new EchoRequest { Message = new string('z', 10_000) }, Marshaller, new MessageCompression(true, System.IO.Compression.CompressionLevel.Fastest));
        }

        await pipe.Writer.FlushAsync(Ct);
        await pipe.Writer.CompleteAsync();
        using var reader = new MessageReader(pipe.Reader, 1024 * 1024, decompress: true);
        var (has, message) = await reader.ReadAsync(Marshaller, Ct);
        Assert.True(has);
        Assert.Equal(10_000, message!.Message.Length);
    }

    [Fact]
    public void WriteMessage_OverTheSendLimit_IsResourceExhausted()
    {
        var pipe = new Pipe();
        using var serializer = new FramingSerializationContext(maxSendSize: 10);
        var ex = Assert.Throws<RpcException>(() => serializer.WriteMessage(pipe.Writer, new EchoRequest { Message = new string('z', 100) }, Marshaller, MessageCompression.None));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static byte[] Frames(params EchoRequest[] messages)
    {
        var writer = new PooledBufferWriter();
        using var serializer = new FramingSerializationContext(null);
        foreach (var message in messages)
        {
            serializer.WriteMessage(writer, message, Marshaller, MessageCompression.None);
        }

        var bytes = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return bytes;
    }

    private static async Task<List<string>> ReadAllAsync(MessageReader reader)
    {
        var messages = new List<string>();
        while (true)
        {
            var (has, message) = await reader.ReadAsync(Marshaller, Ct);
            if (!has)
            {
                return messages;
            }

            messages.Add(message!.Message);
        }
    }
}
