using System.Diagnostics;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Server;

/// <summary>Deadlines (grpc-timeout) and cancellation (RST_STREAM) reach the other side.</summary>
public sealed class DeadlineAndCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deadline_SlowHandler_IsDeadlineExceededAndTheHandlerIsCancelled()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { DelayMs = 10_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300), cancellationToken: Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

        var cancelled = await server.Observer.FirstCancelled.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.NotEqual(DateTime.MaxValue, cancelled.Deadline);
    }

    [Fact]
    public async Task Deadline_ServerSide_EndsTheCallEvenIfTheClientWaitsLonger()
    {
        // The client's own timer is far away: only the server's grpc-timeout handling can end it.
        await using var server = await GrpcTestServer.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/streamwatch.v1.testing.Echo/Unary"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Frame(new EchoRequest { DelayMs = 10_000 })),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200000u");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, Ct);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        var status = response.Headers.TryGetValues("grpc-status", out var values) ? values.Single() : response.TrailingHeaders.GetValues("grpc-status").Single();
        Assert.Equal("4", status);
    }

    [Fact]
    public async Task Deadline_AlreadyPassed_FailsWithoutSending()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(-1), cancellationToken: Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Empty(server.ConnectionIds);
    }

    [Fact]
    public async Task Deadline_OnAStream_IsDeadlineExceededMidStream()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Repeat = 100, DelayMs = 100 }, deadline: DateTime.UtcNow.AddMilliseconds(500), cancellationToken: Ct);
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(Ct))
            {
                received++;
            }
        });
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(received, 1, 10);
    }

    [Fact]
    public async Task ClientCancellation_CancelsTheServerHandler()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var call = new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { DelayMs = 30_000 }, cancellationToken: cts.Token);
        var started = await server.Observer.FirstStarted.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(DateTime.MaxValue, started.Deadline);

        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);

        // RST_STREAM reached Kestrel: the handler's token fired.
        var cancelled = await server.Observer.FirstCancelled.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.True(cancelled.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task DisposingADuplexCall_CancelsTheServerHandler()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var call = new Echo.EchoClient(channel).Bidi(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new EchoRequest { DelayMs = 30_000 }, Ct);
        await server.Observer.FirstStarted.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        call.Dispose();
        await server.Observer.FirstCancelled.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task CancellingMoveNext_CancelsTheCall()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new EchoRequest { Repeat = 2, DelayMs = 30_000 }, cancellationToken: Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await server.Observer.FirstCancelled.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    private static byte[] Frame(EchoRequest request)
    {
        var payload = Google.Protobuf.MessageExtensions.ToByteArray(request);
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
