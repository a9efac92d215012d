using Grpc.Health.V1;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace StreamWatch.Grpc.Tests.Health;

public sealed class HealthServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_ReturnsTheStatusTheHostSet()
    {
        await using var server = await GrpcTestServer.StartAsync();
        server.Health.SetStatus(string.Empty, ServingStatus.Serving);
        server.Health.SetStatus("streamwatch.v1.Ingest", ServingStatus.NotServing);
        using var channel = server.CreateChannel();
        var client = new global::Grpc.Health.V1.Health.HealthClient(channel);

        Assert.Equal(ServingStatus.Serving, (await client.CheckAsync(new HealthCheckRequest(), cancellationToken: Ct)).Status);
        Assert.Equal(ServingStatus.NotServing, (await client.CheckAsync(new HealthCheckRequest { Service = "streamwatch.v1.Ingest" }, cancellationToken: Ct)).Status);
    }

    [Fact]
    public async Task Check_UnknownService_IsNotFound()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "nope" }, cancellationToken: Ct));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_PushesTheCurrentStatusThenEveryChange()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var call = new global::Grpc.Health.V1.Health.HealthClient(channel).Watch(new HealthCheckRequest { Service = "alerting" }, cancellationToken: cts.Token);
        var stream = call.ResponseStream;

        Assert.True(await stream.MoveNext(Ct));
        Assert.Equal(ServingStatus.ServiceUnknown, stream.Current.Status);

        server.Health.SetStatus("alerting", ServingStatus.Serving);
        Assert.True(await stream.MoveNext(Ct));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);

        server.Health.SetStatus("alerting", ServingStatus.NotServing);
        Assert.True(await stream.MoveNext(Ct));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);

        server.Health.ClearStatus("alerting");
        Assert.True(await stream.MoveNext(Ct));
        Assert.Equal(ServingStatus.ServiceUnknown, stream.Current.Status);

        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => stream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }
}
