using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.ServiceDefaults.Metrics;

namespace StreamWatch.Alerting.Tests.Webhooks;

public sealed class WebhookStoreTests
{
    [Fact]
    public async Task FanOutAndComplete_RepeatedAfterACrash_DoNothingTheSecondTime()
    {
        await using var harness = await WebhookHarness.StartAsync();
        await harness.StopDispatcherAsync();
        var store = new WebhookStore(harness.Connection, harness.Keys);
        var db = harness.Connection.GetDatabase();
        await db.ListRightPushAsync(harness.Keys.Outbox, "record-1");
        await db.ListRightPushAsync(harness.Keys.Outbox, "record-2");
        var queue = harness.Keys.WebhookQueue("a");

        Assert.True(await store.FanOutAsync("record-1", [("a", "delivery-1a"), ("b", "delivery-1b")]));
        Assert.False(await store.FanOutAsync("record-1", [("a", "delivery-1a"), ("b", "delivery-1b")]));

        Assert.Equal(["record-2"], (await db.ListRangeAsync(harness.Keys.Outbox)).Select(v => v.ToString()));
        Assert.Equal(["delivery-1a"], (await db.ListRangeAsync(queue)).Select(v => v.ToString()));
        Assert.Equal(["delivery-1b"], (await db.ListRangeAsync(harness.Keys.WebhookQueue("b"))).Select(v => v.ToString()));

        Assert.True(await store.CompleteAsync("a", "delivery-1a", "attempt", 2, deadLetter: null, 2));
        Assert.False(await store.CompleteAsync("a", "delivery-1a", "attempt", 2, deadLetter: null, 2));
        Assert.Equal(0, await db.ListLengthAsync(queue));
        Assert.Equal(1, await db.ListLengthAsync(harness.Keys.WebhookHistory("a")));
    }

    [Fact]
    public async Task History_IsCapped()
    {
        await using var harness = await WebhookHarness.StartAsync();
        await harness.StopDispatcherAsync();
        var store = new WebhookStore(harness.Connection, harness.Keys);
        for (var i = 0; i < 10; i++)
        {
            await store.RecordAsync("a", "attempt-" + i, historyLimit: 3);
        }

        var kept = await store.RangeAsync(harness.Keys.WebhookHistory("a"), 100);
        Assert.Equal(["attempt-9", "attempt-8", "attempt-7"], kept);
    }

    [Fact]
    public async Task Metrics_CountAttemptsByResult_AndRecordDetectionToSentLatency()
    {
        await using var harness = await WebhookHarness.StartAsync();
        var meterFactory = harness.Host.Services.GetRequiredService<IMeterFactory>();
        var counts = new Dictionary<string, long>();
        var latencies = new List<double>();
        var durations = new List<double>();
        var exposed = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name.StartsWith("webhook.", StringComparison.Ordinal))
            {
                var type = instrument is Counter<long> ? MetricType.Counter : MetricType.Histogram;
                lock (exposed)
                {
                    exposed.Add(PrometheusNames.MetricName(instrument.Meter.Name, instrument.Name, instrument.Unit, type));
                }

                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var result = tags.ToArray().Single(t => t.Key == "result").Value!.ToString()!;
            lock (counts)
            {
                counts[result] = counts.GetValueOrDefault(result) + value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                (instrument.Name == "webhook.notification_latency" ? latencies : durations).Add(value);
            }
        });
        listener.Start();
        var failures = 2;
        harness.Hook.Policy = (_, _) => Interlocked.Decrement(ref failures) >= 0 ? 502 : 200;

        await harness.PushAsync(harness.Notification("0000000000000d01", 1));
        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromSeconds(1));
        await WebhookHarness.WaitUntilAsync(() => { lock (counts) { return latencies.Count == 1; } });

        lock (exposed)
        {
            Assert.Equal(
                ["streamwatch_webhook_deliveries_total", "streamwatch_webhook_delivery_seconds", "streamwatch_webhook_notification_latency_seconds"],
                exposed.Order(StringComparer.Ordinal));
        }

        lock (counts)
        {
            Assert.Equal(2, counts["retry"]);
            Assert.Equal(1, counts["success"]);
            Assert.Equal(3, durations.Count);
            Assert.True(latencies[0] > 0, "the latency counts from the transition, which the retries pushed back on the manual clock");
        }
    }
}
