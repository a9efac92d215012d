using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Webhooks;

public sealed class WebhooksApiTests
{
    [Fact]
    public async Task WebhooksApi_ListsReceiversAndTheirDeliveries_AndAnswersUnknownNamesWithProblemDetails()
    {
        await using var harness = await WebhookHarness.StartAsync();
        await harness.PushAsync(harness.Notification("0000000000000c01", 1));
        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromMilliseconds(100));
        using var client = new HttpClient { BaseAddress = harness.ApiAddress };
        var ct = TestContext.Current.CancellationToken;

        using var list = JsonDocument.Parse(await client.GetStringAsync("api/v1/webhooks", ct));
        var receiver = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("failover", receiver.GetProperty("name").GetString());
        Assert.Equal("closed", receiver.GetProperty("breaker").GetString());
        Assert.Equal(0, receiver.GetProperty("queued").GetInt64());
        Assert.Equal(["firing", "resolved"], receiver.GetProperty("events").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.False(receiver.TryGetProperty("secret", out _));

        await WebhookHarness.WaitUntilAsync(() => harness.Length(harness.Keys.WebhookHistory("failover")) == 1);
        using var deliveries = JsonDocument.Parse(await client.GetStringAsync("api/v1/webhooks/failover/deliveries", ct));
        var attempt = Assert.Single(deliveries.RootElement.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("0000000000000c01-1-failover", attempt.GetProperty("deliveryId").GetString());
        Assert.Equal("success", attempt.GetProperty("result").GetString());
        Assert.Equal(200, attempt.GetProperty("status").GetInt32());

        using var missing = await client.GetAsync(new Uri("api/v1/webhooks/nope/deliveries", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("nope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
