using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Apis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Apis;

public sealed class InMemoryAlertHistoryTests
{
    [Fact]
    public async Task History_is_newest_first_per_stream_and_capped()
    {
        var history = new InMemoryAlertHistory(Options.Create(new StatusApiOptions { HistoryLimit = 3 }));
        using var harness = new EngineHarness(firstSink: new InMemoryHistorySink(history));

        // Flap ManifestUnavailable on cdn-b: pending, firing, resolved, pending, firing ...
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 14; i++)
            {
                harness.Poll("cdn-b", outcome: StreamWatch.Contracts.V1.FetchOutcome.HttpError);
                harness.Advance(1);
            }

            for (var i = 0; i < 40; i++)
            {
                harness.Poll("cdn-b");
                harness.Advance(1);
            }
        }

        var recent = await history.GetRecentAsync(EngineHarness.StreamId, 10, TestContext.Current.CancellationToken);
        var other = await history.GetRecentAsync("other", 10, TestContext.Current.CancellationToken);

        Assert.Equal(3, recent.Count);
        Assert.True(recent[0].At >= recent[1].At && recent[1].At >= recent[2].At);
        var all = harness.Sink.Transitions.Where(t => t.Alert.Stream == EngineHarness.StreamId).ToList();
        Assert.Equal(AlertingMetricsName(all[^1].To), recent[0].To);
        Assert.Empty(other);
    }

    private static string AlertingMetricsName(AlertLifecycleState state) => state.ToString().ToLowerInvariant();
}
