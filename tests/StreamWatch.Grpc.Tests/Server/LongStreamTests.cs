using Google.Protobuf;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Server;

/// <summary>Streams that live long: past Kestrel's upload limits, and idle between messages.</summary>
public sealed class LongStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientStream_PastKestrelsThirtyMegabyteBodyLimit_Succeeds()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ClientStream(cancellationToken: Ct);
        var chunk = ByteString.CopyFrom(new byte[1024 * 1024]);
        for (var i = 0; i < 40; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m", Payload = chunk }, Ct);
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(40, (await call).Count);
    }

    [Fact]
    public async Task Duplex_IdleLongerThanKestrelsMinimumDataRateGrace_StaysOpen()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).Bidi(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "before" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));

        // Kestrel aborts a request body slower than 240 B/s once its 5 s grace period is over.
        await Task.Delay(TimeSpan.FromSeconds(7), Ct);

        await call.RequestStream.WriteAsync(new EchoRequest { Message = "after" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal("after", call.ResponseStream.Current.Message);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
    }

    [Fact]
    public async Task MarshallerWritingMoreThanItDeclared_ResetsTheCallInsteadOfCorruptingIt()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var lying = new Marshaller<EchoRequest>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize() - 1);
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => EchoRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence()));
        var method = new Method<EchoRequest, EchoResponse>(MethodType.DuplexStreaming, Echo.ServiceName, "Bidi", lying, Marshallers.Protobuf(EchoResponse.Parser));
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(cancellationToken: Ct));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest { Message = "size lies" }, Ct));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Equal(StatusCode.Internal, call.GetStatus().StatusCode);
    }
}
