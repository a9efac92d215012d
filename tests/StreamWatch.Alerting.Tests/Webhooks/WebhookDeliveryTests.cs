using System.Text;
using System.Text.Json;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Alerting.Webhooks;

namespace StreamWatch.Alerting.Tests.Webhooks;

/// <summary>The dispatcher against a real redis-server and a real HTTP receiver, on a manual clock.</summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task Delivery_CarriesContractHeadersAndASignatureThatVerifies_TamperedBodyDoesNot()
    {
        await using var harness = await WebhookHarness.StartAsync();
        var record = harness.Notification("00000000000000a1", 1);
        await harness.PushAsync(record);

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromMilliseconds(100));

        var received = Assert.Single(harness.Hook.Received);
        Assert.Equal("00000000000000a1-1-failover", received.DeliveryId);
        Assert.Equal("firing", received.Event);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.True(received.SignatureValid);
        Assert.True(WebhookSignature.Verify(harness.Hook.Secret, received.Signature, received.Body));
        var tampered = Encoding.UTF8.GetBytes(received.Text.Replace("firing", "resolved", StringComparison.Ordinal));
        Assert.False(WebhookReceiver.Verify(harness.Hook.Secret, received.Signature!, tampered));
        Assert.False(WebhookSignature.Verify(harness.Hook.Secret, received.Signature, tampered));
        Assert.False(WebhookSignature.Verify("another-secret", received.Signature, received.Body));
        var t = long.Parse(received.Signature!.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(harness.Time.GetUtcNow().ToUnixTimeSeconds(), t, tolerance: 60);

        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        Assert.Equal(received.DeliveryId, root.GetProperty("id").GetString());
        Assert.Equal("firing", root.GetProperty("event").GetString());
        var alert = root.GetProperty("alert");
        Assert.Equal("00000000000000a1", alert.GetProperty("fingerprint").GetString());
        Assert.Equal("ManifestStale", alert.GetProperty("rule").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("cdn-a", alert.GetProperty("cdn").GetString());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("endsAt").ValueKind);
        Assert.Equal(JsonValueKind.Array, alert.GetProperty("evidence").GetProperty("findings").ValueKind);
        Assert.Equal(JsonValueKind.Object, alert.GetProperty("evidence").GetProperty("headers").ValueKind);
        var recommendation = root.GetProperty("recommendation");
        Assert.Equal("none", recommendation.GetProperty("action").GetString());
        Assert.False(string.IsNullOrEmpty(recommendation.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task ReceiverFailingForTwoMinutes_GetsEveryDeliveryOncePerIdWithValidSignatures()
    {
        await using var harness = await WebhookHarness.StartAsync();
        var healthyFrom = harness.Time.GetUtcNow().AddMinutes(2);
        harness.Hook.Policy = (_, _) => harness.Time.GetUtcNow() < healthyFrom ? 500 : 200;
        var expected = new List<string>();
        for (var alert = 0; alert < 4; alert++)
        {
            var fingerprint = $"00000000000000b{alert}";
            await harness.PushAsync(harness.Notification(fingerprint, 1));
            await harness.PushAsync(harness.Notification(fingerprint, 2, resolved: true));
            expected.Add($"{fingerprint}-1-failover");
            expected.Add($"{fingerprint}-2-failover");
        }

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count >= expected.Count, TimeSpan.FromSeconds(1));
        await WebhookHarness.WaitUntilAsync(() => harness.Length(harness.Keys.WebhookQueue(WebhookHarness.Receiver)) == 0);

        Assert.Contains(harness.Hook.Received, r => r.Answered == 500);
        Assert.All(harness.Hook.Received, r => Assert.True(r.SignatureValid, $"signature of {r.DeliveryId}"));
        var accepted = harness.Hook.Accepted();
        Assert.Equal(expected.Order(StringComparer.Ordinal), accepted.Select(r => r.DeliveryId!).Order(StringComparer.Ordinal));
        Assert.Equal(0, harness.Length(harness.Keys.Outbox));

        // Every attempt of one delivery carried the same id and the same body.
        foreach (var group in harness.Hook.Received.GroupBy(r => r.DeliveryId))
        {
            Assert.Single(group.Select(r => r.Text).Distinct(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task DeliveriesOfOneAlert_ArriveInOrder_ThroughRetries()
    {
        await using var harness = await WebhookHarness.StartAsync();
        var requests = 0;
        harness.Hook.Policy = (_, _) => Interlocked.Increment(ref requests) % 3 == 0 ? 503 : 200;
        for (var ordinal = 1; ordinal <= 4; ordinal++)
        {
            for (var alert = 0; alert < 3; alert++)
            {
                await harness.PushAsync(harness.Notification($"00000000000000c{alert}", ordinal, resolved: ordinal % 2 == 0));
            }
        }

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count >= 12, TimeSpan.FromSeconds(1));

        Assert.Contains(harness.Hook.Received, r => r.Answered == 503);
        foreach (var alert in harness.Hook.Accepted().GroupBy(r => r.DeliveryId![..16]))
        {
            var ordinals = alert.Select(r => int.Parse(r.DeliveryId!.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal([1, 2, 3, 4], ordinals);
            Assert.Equal(["firing", "resolved", "firing", "resolved"], alert.Select(r => r.Event!).ToList());
        }
    }

    [Fact]
    public async Task AlertmanagerFormat_SendsTheWebhookV4Body()
    {
        await using var harness = await WebhookHarness.StartAsync(new() { ["Webhooks:0:ExternalUrl"] = "http://streamwatch.example" }, format: "alertmanager");
        await harness.PushAsync(harness.Notification("00000000000000d1", 1));
        await harness.PushAsync(harness.Notification("00000000000000d1", 2, resolved: true));

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 2, TimeSpan.FromMilliseconds(100));

        var bodies = harness.Hook.Accepted().Select(r => JsonDocument.Parse(r.Body)).ToList();
        try
        {
            var firing = bodies[0].RootElement;
            Assert.Equal("4", firing.GetProperty("version").GetString());
            Assert.Equal("firing", firing.GetProperty("status").GetString());
            Assert.Equal(WebhookHarness.Receiver, firing.GetProperty("receiver").GetString());
            Assert.StartsWith("{}:{", firing.GetProperty("groupKey").GetString(), StringComparison.Ordinal);
            Assert.Equal("ManifestStale", firing.GetProperty("groupLabels").GetProperty("alertname").GetString());
            Assert.Equal("critical", firing.GetProperty("commonLabels").GetProperty("severity").GetString());
            Assert.False(string.IsNullOrEmpty(firing.GetProperty("commonAnnotations").GetProperty("summary").GetString()));
            Assert.Equal("http://streamwatch.example", firing.GetProperty("externalURL").GetString());
            var alert = Assert.Single(firing.GetProperty("alerts").EnumerateArray());
            Assert.Equal("firing", alert.GetProperty("status").GetString());
            Assert.Equal("cdn-a", alert.GetProperty("labels").GetProperty("cdn").GetString());
            Assert.Equal(JsonValueKind.Object, alert.GetProperty("annotations").ValueKind);
            Assert.True(DateTimeOffset.TryParse(alert.GetProperty("startsAt").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
            Assert.StartsWith("http://streamwatch.example/", alert.GetProperty("generatorURL").GetString(), StringComparison.Ordinal);
            Assert.Equal("00000000000000d1", alert.GetProperty("fingerprint").GetString());

            var resolved = bodies[1].RootElement;
            Assert.Equal("resolved", resolved.GetProperty("status").GetString());
            var resolvedAlert = Assert.Single(resolved.GetProperty("alerts").EnumerateArray());
            Assert.NotEqual("0001-01-01T00:00:00Z", resolvedAlert.GetProperty("endsAt").GetString());
            Assert.Equal(firing.GetProperty("groupKey").GetString(), resolved.GetProperty("groupKey").GetString());
        }
        finally
        {
            bodies.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterConsecutiveFailures_AndRecoversThroughAHalfOpenProbe()
    {
        await using var harness = await WebhookHarness.StartAsync(new()
        {
            ["Webhooks:0:BreakerFailures"] = "3",
            ["Webhooks:0:BreakerDuration"] = "00:01:00",
            ["Webhooks:0:BackoffBase"] = "00:00:00.010",
            ["Webhooks:0:BackoffMax"] = "00:00:00.010",
        });
        var up = false;
        harness.Hook.Policy = (_, _) => Volatile.Read(ref up) ? 200 : 503;
        await harness.PushAsync(harness.Notification("00000000000000e1", 1));

        await harness.DriveUntilAsync(() => harness.Hook.Received.Count >= 3, TimeSpan.FromMilliseconds(10));
        var worker = harness.Dispatcher.Find(WebhookHarness.Receiver)!;
        await WebhookHarness.WaitUntilAsync(() => worker.Breaker.State(harness.Time.GetUtcNow()) == "open");
        var whileOpen = harness.Hook.Received.Count;
        Assert.Equal(3, whileOpen);

        // Still open half a minute on: nothing is sent.
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(whileOpen, harness.Hook.Received.Count);

        Volatile.Write(ref up, true);
        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromSeconds(5));
        await WebhookHarness.WaitUntilAsync(() => worker.Breaker.State(harness.Time.GetUtcNow()) == "closed");
        Assert.Equal(whileOpen + 1, harness.Hook.Received.Count);
        Assert.Equal(0, worker.Breaker.ConsecutiveFailures);
    }

    [Fact]
    public async Task DeliveryStillFailingAtMaxAge_GoesToTheDeadLetterList_AndTheNextOneIsSent()
    {
        await using var harness = await WebhookHarness.StartAsync(new() { ["Webhooks:0:MaxAge"] = "00:10:00" });
        harness.Hook.Policy = (request, _) => request.DeliveryId!.StartsWith("00000000000000f1", StringComparison.Ordinal) ? 500 : 200;
        await harness.PushAsync(harness.Notification("00000000000000f1", 1));
        await harness.PushAsync(harness.Notification("00000000000000f2", 1));
        var dead = harness.Keys.WebhookDeadLetters(WebhookHarness.Receiver);

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromSeconds(5));

        var letters = await harness.Connection.GetDatabase().ListRangeAsync(dead);
        var letter = JsonSerializer.Deserialize(letters.Single().ToString(), WebhookJsonContext.Default.DeadLetter)!;
        Assert.Equal("00000000000000f1-1-failover", letter.Delivery.Id);
        Assert.Equal("dead_letter", letter.Result);
        Assert.True(letter.At - letter.Delivery.At >= TimeSpan.FromMinutes(10));
        Assert.Equal("00000000000000f2-1-failover", harness.Hook.Accepted().Single().DeliveryId);
        var history = (await harness.Connection.GetDatabase().ListRangeAsync(harness.Keys.WebhookHistory(WebhookHarness.Receiver)))
            .Select(v => JsonSerializer.Deserialize(v.ToString(), WebhookJsonContext.Default.WebhookAttempt)!).ToList();
        Assert.Contains(history, a => a.Result == "dead_letter" && a.DeliveryId == letter.Delivery.Id);
        Assert.Contains(history, a => a.Result == "retry");
        Assert.Equal("success", history[0].Result);
    }

    [Fact]
    public async Task RejectedDelivery_IsNotRetried_AndIsKeptAsFailed()
    {
        await using var harness = await WebhookHarness.StartAsync();
        harness.Hook.Policy = (_, _) => 400;
        await harness.PushAsync(harness.Notification("0000000000000a01", 1));
        var dead = harness.Keys.WebhookDeadLetters(WebhookHarness.Receiver);

        await harness.DriveUntilAsync(() => harness.Length(dead) == 1, TimeSpan.FromMilliseconds(100));

        Assert.Single(harness.Hook.Received);
        var letter = JsonSerializer.Deserialize((await harness.Connection.GetDatabase().ListGetByIndexAsync(dead, 0)).ToString(), WebhookJsonContext.Default.DeadLetter)!;
        Assert.Equal("failed", letter.Result);
        Assert.Equal("HTTP 400", letter.Reason);
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        await using var harness = await WebhookHarness.StartAsync(new() { ["Webhooks:0:BackoffMax"] = "00:00:01" });
        var first = true;
        harness.Hook.Policy = (_, response) =>
        {
            if (!first)
            {
                return 200;
            }

            first = false;
            response.Headers.RetryAfter = "120";
            return 429;
        };
        await harness.PushAsync(harness.Notification("0000000000000b01", 1));
        await harness.DriveUntilAsync(() => harness.Hook.Received.Count == 1, TimeSpan.FromMilliseconds(100));
        var refusedAt = harness.Time.GetUtcNow();

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromSeconds(1));

        Assert.True(harness.Time.GetUtcNow() - refusedAt >= TimeSpan.FromSeconds(119), "the retry waited for Retry-After on the manual clock");
    }

    [Fact]
    public async Task DispatcherRestartedMidway_LosesAndDuplicatesNothing()
    {
        await using var harness = await WebhookHarness.StartAsync();
        var expected = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var fingerprint = $"00000000000001{i:x2}";
            await harness.PushAsync(harness.Notification(fingerprint, 1));
            expected.Add($"{fingerprint}-1-failover");
        }

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count >= 5, TimeSpan.FromMilliseconds(10));
        await harness.StopDispatcherAsync();
        var beforeRestart = harness.Hook.Accepted().Count;
        for (var i = 40; i < 50; i++)
        {
            var fingerprint = $"00000000000001{i:x2}";
            await harness.PushAsync(harness.Notification(fingerprint, 1));
            expected.Add($"{fingerprint}-1-failover");
        }

        await harness.StartDispatcherAsync();
        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count >= expected.Count, TimeSpan.FromMilliseconds(10));
        await WebhookHarness.WaitUntilAsync(() => harness.Length(harness.Keys.WebhookQueue(WebhookHarness.Receiver)) == 0);

        Assert.InRange(beforeRestart, 5, expected.Count - 1);
        Assert.Equal(expected, harness.Hook.Accepted().Select(r => r.DeliveryId!).ToList());
        Assert.Equal(0, harness.Length(harness.Keys.Outbox));
    }

    [Fact]
    public async Task NotificationOlderThanMaxAge_WhenItLeavesTheOutbox_IsNotSent()
    {
        await using var harness = await WebhookHarness.StartAsync(new() { ["Webhooks:0:MaxAge"] = "01:00:00" });
        await harness.StopDispatcherAsync();
        await harness.PushAsync(harness.Notification("0000000000000e01", 1));
        harness.Time.Advance(TimeSpan.FromHours(2));
        await harness.PushAsync(harness.Notification("0000000000000e02", 1));

        await harness.StartDispatcherAsync();
        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromMilliseconds(100));
        await WebhookHarness.WaitUntilAsync(() => harness.Length(harness.Keys.Outbox) == 0);

        Assert.Equal("0000000000000e02-1-failover", Assert.Single(harness.Hook.Received).DeliveryId);
    }

    [Fact]
    public async Task TwoReplicas_DeliverEveryNotificationOnce()
    {
        await using var harness = await WebhookHarness.StartAsync();
        await using var second = await harness.StartReplicaAsync();
        var expected = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var fingerprint = $"00000000000002{i:x2}";
            await harness.PushAsync(harness.Notification(fingerprint, 1));
            await harness.PushAsync(harness.Notification(fingerprint, 2, resolved: true));
            expected.Add($"{fingerprint}-1-failover");
            expected.Add($"{fingerprint}-2-failover");
        }

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count >= expected.Count, TimeSpan.FromMilliseconds(100));
        await WebhookHarness.WaitUntilAsync(() => harness.Length(harness.Keys.WebhookQueue(WebhookHarness.Receiver)) == 0);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Order(StringComparer.Ordinal), harness.Hook.Accepted().Select(r => r.DeliveryId!).Order(StringComparer.Ordinal));
        foreach (var alert in harness.Hook.Accepted().GroupBy(r => r.DeliveryId![..16]))
        {
            Assert.Equal(["firing", "resolved"], alert.Select(r => r.Event!).ToList());
        }
    }
}
