using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Client;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Grpc.Tests.Client;

/// <summary>The channel: TLS, connection reuse, failures and reconnection.</summary>
public sealed class ChannelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tls_WithAlpn_EveryCallTypeWorks()
    {
        using var certificate = GrpcTestServer.CreateSelfSignedCertificate();
        await using var server = await GrpcTestServer.StartAsync(certificate: certificate);
        Assert.Equal("https", server.Address.Scheme);
        using var channel = server.CreateChannel(trusted: certificate);
        var client = new Echo.EchoClient(channel);

        Assert.Equal("secure", (await client.UnaryAsync(new EchoRequest { Message = "secure" }, cancellationToken: Ct)).Message);

        using var stream = client.ServerStream(new EchoRequest { Repeat = 3 }, cancellationToken: Ct);
        var count = 0;
        await foreach (var _ in stream.ResponseStream.ReadAllAsync(Ct))
        {
            count++;
        }

        Assert.Equal(3, count);

        using var duplex = client.Bidi(cancellationToken: Ct);
        await duplex.RequestStream.WriteAsync(new EchoRequest { Message = "tls duplex" }, Ct);
        Assert.True(await duplex.ResponseStream.MoveNext(Ct));
        await duplex.RequestStream.CompleteAsync();
        Assert.False(await duplex.ResponseStream.MoveNext(Ct));
    }

    [Fact]
    public async Task Tls_UntrustedCertificate_IsUnavailable()
    {
        using var certificate = GrpcTestServer.CreateSelfSignedCertificate();
        await using var server = await GrpcTestServer.StartAsync(certificate: certificate);
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest(), cancellationToken: Ct));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task NothingListening_IsUnavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{FreePort.Next()}");
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest(), cancellationToken: Ct));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task SequentialCalls_ReuseOneConnection()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel);
        for (var i = 0; i < 20; i++)
        {
            await client.UnaryAsync(new EchoRequest { Message = "again" }, cancellationToken: Ct);
        }

        Assert.Single(server.ConnectionIds);
    }

    [Fact]
    public async Task ServerRestart_TheChannelReconnects()
    {
        var port = FreePort.Next();
        var ledger = new IngestLedger();
        var server = await GrpcTestServer.StartAsync(port: port, ledger: ledger);
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel);
        Assert.Equal("before", (await client.UnaryAsync(new EchoRequest { Message = "before" }, cancellationToken: Ct)).Message);
        await server.DisposeAsync();

        var down = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryAsync(new EchoRequest(), cancellationToken: Ct));
        Assert.Equal(StatusCode.Unavailable, down.StatusCode);

        await using var restarted = await GrpcTestServer.StartAsync(port: port, ledger: ledger);
        Assert.Equal("after", (await client.UnaryAsync(new EchoRequest { Message = "after" }, cancellationToken: Ct)).Message);
    }

    [Fact]
    public void ForAddress_RejectsOtherSchemes()
        => Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("ftp://127.0.0.1:1"));
}
