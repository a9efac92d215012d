using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Server;

/// <summary>Statuses, errors, limits and HTTP-level rules, .NET client against .NET server.</summary>
public sealed class StatusAndErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("plain")]
    [InlineData("100% sure: \"quoted\", ✓ déjà vu\nsecond line\ttab")]
    [InlineData("emoji 🎬 and %41 literal")]
    public async Task Status_DetailWithSpecialCharacters_RoundTripsPercentEncoding(string detail)
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { StatusCode = (int)StatusCode.FailedPrecondition, StatusMessage = detail }, cancellationToken: Ct));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(detail, ex.Status.Detail);
        Assert.Equal("failed", ex.Trailers.GetValue("x-echo-trailer"));
    }

    [Fact]
    public async Task UnknownMethod_IsUnimplemented()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, Echo.ServiceName, "DoesNotExist", Marshallers.Protobuf(EchoRequest.Parser), Marshallers.Protobuf(EchoResponse.Parser));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(cancellationToken: Ct), new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Method is unimplemented.", ex.Status.Detail);
    }

    [Fact]
    public async Task UnknownService_IsUnimplemented()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "streamwatch.v1.Nope", "Call", Marshallers.Protobuf(EchoRequest.Parser), Marshallers.Protobuf(EchoResponse.Parser));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(cancellationToken: Ct), new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("Service is unimplemented.", ex.Status.Detail);
    }

    [Fact]
    public async Task RequestOverTheServerLimit_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[2048]) }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task RequestOverTheDefaultFourMebibytes_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ResponseOverTheClientLimit_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(new StreamWatch.Grpc.Client.GrpcChannelOptions { MaxReceiveMessageSize = 1024 });
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { ResponseSize = 4096 }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ResponseOverTheServerSendLimit_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxSendMessageSize = 1024);
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { ResponseSize = 4096 }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task RequestOverTheClientSendLimit_FailsWithoutSending()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(new StreamWatch.Grpc.Client.GrpcChannelOptions { MaxSendMessageSize = 16 });
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = new string('x', 100) }, cancellationToken: Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Empty(server.ConnectionIds);
    }

    [Fact]
    public async Task HandlerException_IsUnknownWithoutItsText()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = EchoService.ThrowMessage }, cancellationToken: Ct));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
    }

    [Fact]
    public async Task HandlerException_WithDetailedErrors_CarriesItsText()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.EnableDetailedErrors = true);
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = EchoService.ThrowMessage }, cancellationToken: Ct));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("InvalidOperationException: internal detail", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonGrpcContentType_Is415()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = H2cClient();
        using var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(server.Address, "/streamwatch.v1.testing.Echo/Unary"), content, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Get_IsNotAllowed()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = H2cClient();
        using var response = await http.GetAsync(new Uri(server.Address, "/streamwatch.v1.testing.Echo/Unary"), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task UnsupportedRequestEncoding_IsUnimplementedAndListsWhatIsAccepted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = H2cClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/streamwatch.v1.testing.Echo/Unary"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([1, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawFrames_SplitAcrossDataFramesAndSeveralPerFrame_AreAllRead()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = H2cClient();
        var frames = new List<byte>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            var payload = new EchoRequest { Message = text }.ToByteArray();
            frames.AddRange([0, 0, 0, 0, (byte)payload.Length]);
            frames.AddRange(payload);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/streamwatch.v1.testing.Echo/ClientStream"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,

            // Chunks of 3 bytes: headers and payloads split across DATA frames; then the rest in one.
            Content = new ChunkedContent(frames.ToArray(), 3, firstChunks: 4),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        var reply = EchoResponse.Parser.ParseFrom(body.AsSpan(5));
        Assert.Equal("onetwothree", reply.Message);
        Assert.Equal(3, reply.Count);
    }

    private static HttpClient H2cClient() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private sealed class ChunkedContent(byte[] bytes, int chunk, int firstChunks) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var offset = 0;
            for (var i = 0; i < firstChunks && offset < bytes.Length; i++)
            {
                var size = Math.Min(chunk, bytes.Length - offset);
                await stream.WriteAsync(bytes.AsMemory(offset, size));
                await stream.FlushAsync();
                offset += size;
            }

            await stream.WriteAsync(bytes.AsMemory(offset));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
