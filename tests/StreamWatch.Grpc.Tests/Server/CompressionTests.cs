using Google.Protobuf;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Server;

/// <summary>gzip message compression in both directions.</summary>
public sealed class CompressionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GzipRequests_AreDecompressedByTheServer()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var payload = ByteString.CopyFrom(new byte[100_000]);
        var response = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "zip", Payload = payload }, headers, cancellationToken: Ct);
        Assert.Equal("gzip", response.Headers["received-grpc-encoding"]);
        Assert.Equal(payload, response.Payload);
    }

    [Fact]
    public async Task GzipResponses_AreDecompressedByTheClient()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.ResponseCompressionAlgorithm = "gzip");
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Message = "zipped", Repeat = 3, ResponseSize = 50_000 }, cancellationToken: Ct);
        var count = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync(Ct))
        {
            Assert.Equal(50_000, response.Payload.Length);
            count++;
        }

        Assert.Equal(3, count);
        Assert.Equal("gzip", (await call.ResponseHeadersAsync).GetValue("grpc-encoding") ?? "gzip");
    }

    [Fact]
    public async Task GzipBothWays_OnADuplexStream()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.ResponseCompressionAlgorithm = "gzip");
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).Bidi(new Metadata { { "grpc-internal-encoding-request", "gzip" } }, cancellationToken: Ct);
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = new string('a', 10_000 + i) }, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            Assert.Equal(10_000 + i, call.ResponseStream.Current.Message.Length);
            Assert.Equal("gzip", call.ResponseStream.Current.Headers["received-grpc-encoding"]);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
    }

    [Fact]
    public async Task ZipBomb_OverTheLimitOnceInflated_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxReceiveMessageSize = 64 * 1024);
        using var channel = server.CreateChannel();
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        // A megabyte of zeros compresses to about a kilobyte: small on the wire, too big inflated.
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[1024 * 1024]) }, headers, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }
}
