using Google.Protobuf.WellKnownTypes;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>A feed with a fixed snapshot (one state per requested stream) then nothing until cancelled.</summary>
public sealed class FeedTestService : StreamWatch.Contracts.V1.Feed.FeedBase
{
    public override async Task Watch(WatchRequest request, IServerStreamWriter<FeedEvent> responseStream, ServerCallContext context)
    {
        var now = Timestamp.FromDateTime(new DateTime(2026, 11, 21, 20, 0, 0, DateTimeKind.Utc));
        if (!request.SkipSnapshot)
        {
            foreach (var stream in request.StreamIds)
            {
                var state = new StateChange { StreamId = stream, State = StreamState.Operational, PreviousState = StreamState.Unknown };
                state.CdnStates.Add("cdn-a", StreamState.Operational);
                await responseStream.WriteAsync(new FeedEvent { OccurredAt = now, State = state });
            }

            await responseStream.WriteAsync(new FeedEvent { OccurredAt = now, SnapshotEnd = new SnapshotEnd() });
        }

        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The consumer left.
        }
    }
}
