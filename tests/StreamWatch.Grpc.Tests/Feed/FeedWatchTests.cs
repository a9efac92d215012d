using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Feed;

public sealed class FeedWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_SendsTheSnapshotThenItsEnd_AndStopsWhenTheConsumerCancels()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var call = new StreamWatch.Contracts.V1.Feed.FeedClient(channel).Watch(new WatchRequest { StreamIds = { "final-hindi", "final-tamil" } }, cancellationToken: cts.Token);

        var events = new List<FeedEvent>();
        while (await call.ResponseStream.MoveNext(Ct))
        {
            events.Add(call.ResponseStream.Current);
            if (call.ResponseStream.Current.EventCase == FeedEvent.EventOneofCase.SnapshotEnd)
            {
                break;
            }
        }

        Assert.Equal(["final-hindi", "final-tamil"], events.Where(e => e.EventCase == FeedEvent.EventOneofCase.State).Select(e => e.State.StreamId));
        Assert.Equal(StreamState.Operational, events[0].State.CdnStates["cdn-a"]);

        await cts.CancelAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
    }
}
