using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Alerting.Apis;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Testing.Http;

namespace StreamWatch.Alerting.Tests.Apis;

public sealed class StatusEventsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_open_with_retry_and_a_snapshot_then_push_state_and_alert_changes()
    {
        await using var host = await StatusApiHost.StartAsync();
        using var guard = Guard();
        using var response = await host.Client.GetAsync(new Uri("api/v1/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, guard.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));

        var opening = await events.NextAsync(guard.Token);
        Assert.Equal("2000", opening.Retry);
        var snapshot = await events.NextAsync(guard.Token);
        Assert.Equal("snapshot", snapshot.Event);
        using (var json = JsonDocument.Parse(snapshot.Data))
        {
            Assert.Equal("unknown", json.RootElement.GetProperty("streams")[0].GetProperty("state").GetString());
        }

        // Reports move the stream to operational: seen on the next health check.
        host.Poll("cdn-a");
        host.Poll("cdn-b");
        host.Advance(1);
        var operational = await events.WaitForAsync("stream", f => f.Data.Contains("\"state\":\"operational\"", StringComparison.Ordinal), guard.Token);
        using (var json = JsonDocument.Parse(operational.Data))
        {
            Assert.Equal("final-hindi", json.RootElement.GetProperty("id").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("cdns").GetArrayLength());
        }

        host.FireManifestUnavailable("cdn-b", healthyCdn: "cdn-a");

        // The hub diffs stream state whenever it handles an engine event, reading the engine as it is by then: the
        // stream event showing the incident may come before or after the alert event of the firing (the engine fires
        // and opens the incident in one step), so wait for both in either order.
        SseFrame? firing = null, incident = null;
        while (firing is null || incident is null)
        {
            var frame = await events.NextAsync(guard.Token);
            if (frame.Event == "alert" && frame.Data.Contains("\"to\":\"firing\"", StringComparison.Ordinal))
            {
                firing = frame;
            }
            else if (frame.Event == "stream" && frame.Data.Contains("\"affected\":[\"cdn-b\"]", StringComparison.Ordinal))
            {
                incident = frame;
            }
        }

        using (var json = JsonDocument.Parse(firing.Data))
        {
            Assert.Equal("pending", json.RootElement.GetProperty("from").GetString());
            Assert.Equal("ManifestUnavailable", json.RootElement.GetProperty("alert").GetProperty("rule").GetString());
            Assert.Equal("cdn-b", json.RootElement.GetProperty("alert").GetProperty("cdn").GetString());
        }

        Assert.True(long.Parse(incident.Id!, CultureInfo.InvariantCulture) > long.Parse(snapshot.Id!, CultureInfo.InvariantCulture));
        Assert.True(long.Parse(firing.Id!, CultureInfo.InvariantCulture) > long.Parse(snapshot.Id!, CultureInfo.InvariantCulture));
        Assert.NotEqual(firing.Id, incident.Id);
    }

    [Fact]
    public async Task Idle_event_streams_get_a_heartbeat_comment()
    {
        await using var host = await StatusApiHost.StartAsync();
        using var guard = Guard();
        using var response = await host.Client.GetAsync(new Uri("api/v1/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));
        await events.WaitForAsync("snapshot", _ => true, guard.Token);

        host.Advance(15);

        SseFrame frame;
        do
        {
            frame = await events.NextAsync(guard.Token);
        }
        while (frame.Comment is null);

        Assert.Equal("heartbeat", frame.Comment);
    }

    [Fact]
    public async Task A_client_that_does_not_read_is_dropped_without_holding_up_the_others()
    {
        await using var host = await StatusApiHost.StartAsync(new Dictionary<string, string?> { ["StatusApi:ClientQueueCapacity"] = "4" });
        var hub = host.Services.GetRequiredService<StatusEventHub>();
        var slow = hub.Subscribe()!;
        var reader = hub.Subscribe()!;
        var received = 0;

        for (var i = 0; i < 20; i++)
        {
            hub.Broadcast(new byte[] { (byte)':', (byte)'\n', (byte)'\n' });
            while (reader.Reader.TryRead(out _))
            {
                received++;
            }
        }

        Assert.True(slow.Dropped);
        Assert.False(reader.Dropped);
        Assert.Equal(20, received);
        Assert.Equal(1, hub.ClientCount);
        hub.Unsubscribe(reader);
    }

    private static CancellationTokenSource Guard()
    {
        // A hang guard, not a timing assert: generous for a loaded 2-core machine.
        var guard = CancellationTokenSource.CreateLinkedTokenSource(Token);
        guard.CancelAfter(TimeSpan.FromSeconds(30));
        return guard;
    }
}
