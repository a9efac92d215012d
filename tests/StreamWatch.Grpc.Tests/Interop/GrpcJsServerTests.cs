using Google.Protobuf;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Client;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Interop;

/// <summary>The .NET client against the grpc-js server (tools/grpc-peer/server.js).</summary>
public sealed class GrpcJsServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryCallType()
    {
        var (process, port) = await NodePeer.StartServerAsync();
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new Echo.EchoClient(channel);

        using var unary = client.UnaryAsync(new EchoRequest { Message = "to grpc-js", Payload = ByteString.CopyFrom(9, 8, 7) }, cancellationToken: Ct);
        var reply = await unary;
        Assert.Equal("to grpc-js", reply.Message);
        Assert.Equal([9, 8, 7], reply.Payload.ToByteArray());
        Assert.Equal("ok", unary.GetTrailers().GetValue("x-echo-trailer"));

        using var clientStream = client.ClientStream(cancellationToken: Ct);
        foreach (var part in new[] { "p", "q", "r" })
        {
            await clientStream.RequestStream.WriteAsync(new EchoRequest { Message = part }, Ct);
        }

        await clientStream.RequestStream.CompleteAsync();
        var joined = await clientStream;
        Assert.Equal(("pqr", 3), (joined.Message, joined.Count));

        using var serverStream = client.ServerStream(new EchoRequest { Message = "s", Repeat = 4 }, cancellationToken: Ct);
        var counts = new List<int>();
        await foreach (var r in serverStream.ResponseStream.ReadAllAsync(Ct))
        {
            counts.Add(r.Count);
        }

        Assert.Equal([1, 2, 3, 4], counts);

        using var duplex = client.Bidi(cancellationToken: Ct);
        for (var i = 1; i <= 3; i++)
        {
            await duplex.RequestStream.WriteAsync(new EchoRequest { Message = "d" + i }, Ct);
            Assert.True(await duplex.ResponseStream.MoveNext(Ct));
            Assert.Equal(("d" + i, i), (duplex.ResponseStream.Current.Message, duplex.ResponseStream.Current.Count));
        }

        await duplex.RequestStream.CompleteAsync();
        Assert.False(await duplex.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.OK, duplex.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Deadline_IsDeadlineExceeded()
    {
        var (process, port) = await NodePeer.StartServerAsync();
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { DelayMs = 5_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300), cancellationToken: Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task UnknownMethod_IsUnimplemented()
    {
        var (process, port) = await NodePeer.StartServerAsync();
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, Echo.ServiceName, "DoesNotExist", Marshallers.Protobuf(EchoRequest.Parser), Marshallers.Protobuf(EchoResponse.Parser));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(cancellationToken: Ct), new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task OversizeRequest_IsResourceExhaustedByGrpcJs()
    {
        var (process, port) = await NodePeer.StartServerAsync("--max-receive", "1024");
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[4096]) }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task OversizeResponse_IsResourceExhaustedByTheDotNetClient()
    {
        var (process, port) = await NodePeer.StartServerAsync();
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { ResponseSize = (4 * 1024 * 1024) + 1 }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Gzip_BothWays()
    {
        var (process, port) = await NodePeer.StartServerAsync("--gzip");
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        using var call = new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "zip", Payload = ByteString.CopyFrom(new byte[100_000]) }, headers, cancellationToken: Ct);
        var reply = await call;
        Assert.Equal(100_000, reply.Payload.Length);
        Assert.Equal("gzip", (await call.ResponseHeadersAsync).GetValue("grpc-encoding") ?? "gzip");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("100% sure: \"quoted\", ✓ déjà vu\nsecond line")]
    public async Task StatusWithSpecialCharacters_RoundTripsPercentEncoding(string detail)
    {
        var (process, port) = await NodePeer.StartServerAsync();
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { StatusCode = (int)StatusCode.Aborted, StatusMessage = detail }, cancellationToken: Ct));
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal(detail, ex.Status.Detail);
        Assert.Equal("failed", ex.Trailers.GetValue("x-echo-trailer"));
    }

    [Fact]
    public async Task Metadata_AsciiAndBinary()
    {
        var (process, port) = await NodePeer.StartServerAsync();
        await using var _ = process;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var headers = new Metadata { { "x-echo-plain", "plain value" }, { "x-echo-data-bin", new byte[] { 0, 1, 2, 250, 255 } } };
        var reply = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest(), headers, cancellationToken: Ct);
        Assert.Equal("plain value", reply.Headers["x-echo-plain"]);
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 250, 255]), reply.Headers["x-echo-data-bin"]);
    }
}
