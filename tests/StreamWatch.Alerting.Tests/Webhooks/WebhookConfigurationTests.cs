using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Alerting.Webhooks;

namespace StreamWatch.Alerting.Tests.Webhooks;

public sealed class WebhookConfigurationTests
{
    [Fact]
    public void WebhooksSection_BindsEveryReceiverSettingWithDefaults()
    {
        using var host = ConfiguredHost.Build(new()
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1",
            ["Webhooks:0:Name"] = "failover",
            ["Webhooks:0:Url"] = "https://hooks.example/streamwatch",
            ["Webhooks:0:Secret"] = "change-me",
            ["Webhooks:0:Events:0"] = "firing",
            ["Webhooks:0:MaxAge"] = "02:00:00",
            ["Webhooks:1:Name"] = "pager",
            ["Webhooks:1:Url"] = "http://pager.example/am",
            ["Webhooks:1:Secret"] = "x",
            ["Webhooks:1:Format"] = "alertmanager",
        });

        var receivers = host.Services.GetRequiredService<IOptions<WebhooksOptions>>().Value.Receivers;

        Assert.Equal(2, receivers.Count);
        Assert.Equal(["firing"], receivers[0].Events);
        Assert.True(receivers[0].Subscribes("firing"));
        Assert.False(receivers[0].Subscribes("resolved"));
        Assert.Equal(TimeSpan.FromHours(2), receivers[0].MaxAge);
        Assert.Equal(WebhookFormats.StreamWatch, receivers[0].Format);
        Assert.Equal(TimeSpan.FromHours(24), receivers[1].MaxAge);
        Assert.True(receivers[1].Subscribes("resolved"));
        Assert.Equal(WebhookFormats.Alertmanager, receivers[1].Format);
    }

    [Fact]
    public async Task InvalidReceivers_FailStartNamingEachSetting()
    {
        using var host = ConfiguredHost.Build(new()
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1",
            ["Webhooks:0:Name"] = "Failover Hook",
            ["Webhooks:0:Url"] = "ftp://hooks.example",
            ["Webhooks:0:Format"] = "slack",
            ["Webhooks:0:Events:0"] = "acknowledged",
            ["Webhooks:0:MaxAge"] = "-00:00:01",
            ["Webhooks:0:BreakerFailures"] = "0",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Webhooks:0:Name must be lower-case letters, digits and '-' (was 'Failover Hook')", error.Failures);
        Assert.Contains("Webhooks:0:Url must be an absolute http or https URL (was 'ftp://hooks.example')", error.Failures);
        Assert.Contains("Webhooks:0:Secret is required", error.Failures);
        Assert.Contains("Webhooks:0:Format must be streamwatch or alertmanager (was 'slack')", error.Failures);
        Assert.Contains("Webhooks:0:Events:0 must be firing or resolved (was 'acknowledged')", error.Failures);
        Assert.Contains("Webhooks:0:MaxAge must be a positive duration (was -00:00:01)", error.Failures);
        Assert.Contains("Webhooks:0:BreakerFailures must be >= 1 (was 0)", error.Failures);
    }

    [Fact]
    public async Task ReceiversWithoutRedis_FailStart()
    {
        using var host = ConfiguredHost.Build(new()
        {
            ["Webhooks:0:Name"] = "failover",
            ["Webhooks:0:Url"] = "https://hooks.example/streamwatch",
            ["Webhooks:0:Secret"] = "change-me",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("ConnectionStrings:redis", StringComparison.Ordinal));
    }
}
