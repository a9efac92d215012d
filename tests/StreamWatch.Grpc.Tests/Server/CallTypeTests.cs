using Google.Protobuf;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Server;

/// <summary>The four call types, .NET client against .NET server over h2c.</summary>
public sealed class CallTypeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unary_EchoesTheRequest_WithHeadersAndTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel);
        var headers = new Metadata { { "x-echo-plain", "value" }, { "x-echo-data-bin", new byte[] { 0, 1, 255 } } };

        using var call = client.UnaryAsync(new EchoRequest { Message = "hi", Payload = ByteString.CopyFrom(1, 2, 3) }, headers, cancellationToken: Ct);
        var response = await call;

        Assert.Equal("hi", response.Message);
        Assert.Equal([1, 2, 3], response.Payload.ToByteArray());
        Assert.Equal("value", response.Headers["x-echo-plain"]);
        Assert.Equal(Convert.ToBase64String([0, 1, 255]), response.Headers["x-echo-data-bin"]);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("ok", call.GetTrailers().GetValue("x-echo-trailer"));
        Assert.Equal("application/grpc", (await call.ResponseHeadersAsync).GetValue("content-type") ?? "application/grpc");
    }

    [Fact]
    public async Task ClientStreaming_ConcatenatesEveryRequest()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ClientStream(cancellationToken: Ct);
        foreach (var part in new[] { "a", "b", "c", "d" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = part }, Ct);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.Equal("abcd", response.Message);
        Assert.Equal(4, response.Count);
    }

    [Fact]
    public async Task ClientStreaming_BufferedWrites_ArriveWhenCompleted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ClientStream(cancellationToken: Ct);
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.BufferHint);
        for (var i = 0; i < 100; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "x" }, Ct);
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(100, (await call).Count);
    }

    [Fact]
    public async Task ServerStreaming_SendsEveryResponseThenOk()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Message = "tick", Repeat = 5 }, cancellationToken: Ct);
        var counts = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(Ct))
        {
            counts.Add(response.Count);
        }

        Assert.Equal([1, 2, 3, 4, 5], counts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_ArrivesInTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Repeat = 2, StatusCode = (int)StatusCode.DataLoss, StatusMessage = "lost" }, cancellationToken: Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.DataLoss, ex.StatusCode);
        Assert.Equal("lost", ex.Status.Detail);
        Assert.Equal("failed", ex.Trailers.GetValue("x-echo-trailer"));
    }

    [Fact]
    public async Task Duplex_RequestsAndResponsesInterleave()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).Bidi(cancellationToken: Ct);
        for (var i = 1; i <= 10; i++)
        {
            // Each response is read before the next request is written: true full duplex.
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "m" + i }, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            Assert.Equal("m" + i, call.ResponseStream.Current.Message);
            Assert.Equal(i, call.ResponseStream.Current.Count);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ManyConcurrentCalls_ShareOneConnection()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel);
        var calls = Enumerable.Range(0, 50).Select(async i =>
        {
            using var call = client.UnaryAsync(new EchoRequest { Message = "n" + i }, cancellationToken: Ct);
            return (await call).Message;
        });

        var results = await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "n" + i), results);
        Assert.Single(server.ConnectionIds);
    }
}
