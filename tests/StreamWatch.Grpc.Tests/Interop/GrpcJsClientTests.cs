using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Interop;

/// <summary>grpc-js client (tools/grpc-peer/client.js) against the .NET server.</summary>
public sealed class GrpcJsClientTests
{
    [Fact]
    public async Task Unary_WithTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "unary");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("hello from grpc-js", result.GetProperty("message").GetString());
        Assert.Equal(3, result.GetProperty("payloadLength").GetInt32());
        Assert.Equal("ok", result.GetProperty("trailer").GetString());
    }

    [Fact]
    public async Task ClientStreaming()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "client_stream");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("abc", result.GetProperty("message").GetString());
        Assert.Equal(3, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ServerStreaming()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "server_stream");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(["tick#1", "tick#2", "tick#3", "tick#4", "tick#5"], result.GetProperty("messages").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Bidirectional()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "bidi");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(["x#1", "y#2", "z#3"], result.GetProperty("messages").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Deadline_IsDeadlineExceeded_AndTheHandlerIsCancelled()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "deadline");
        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GetProperty("code").GetInt32());
        await server.Observer.FirstCancelled.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("unimplemented_method")]
    [InlineData("unimplemented_service")]
    public async Task UnknownMethodOrService_IsUnimplemented(string scenario)
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, scenario);
        Assert.Equal((int)StatusCode.Unimplemented, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task OversizeRequest_IsResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "oversize_request");
        Assert.Equal((int)StatusCode.ResourceExhausted, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task OversizeResponse_IsResourceExhaustedAtTheGrpcJsClient()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "oversize_response");
        Assert.Equal((int)StatusCode.ResourceExhausted, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Gzip_BothWays()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.ResponseCompressionAlgorithm = "gzip");
        var result = await NodePeer.RunClientAsync(server.Address, "gzip");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(64 * 1024, result.GetProperty("payloadLength").GetInt32());
        Assert.Equal("gzip", result.GetProperty("headers").GetProperty("received-grpc-encoding").GetString());
    }

    [Fact]
    public async Task StatusWithSpecialCharacters_RoundTripsPercentEncoding()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "status");
        Assert.Equal((int)StatusCode.FailedPrecondition, result.GetProperty("code").GetInt32());
        Assert.Equal("bad: 100% \u2713 \"quoted\"\nline two", result.GetProperty("details").GetString());
        Assert.Equal("failed", result.GetProperty("trailer").GetString());
    }

    [Fact]
    public async Task Metadata_AsciiAndBinary()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var result = await NodePeer.RunClientAsync(server.Address, "metadata");
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        var headers = result.GetProperty("headers");
        Assert.Equal("plain value", headers.GetProperty("x-echo-plain").GetString());
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 250, 255]), headers.GetProperty("x-echo-data-bin").GetString());
    }
}
