using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.Store;

/// <summary>Two replicas on one Redis, both fed every report: one owns the stream, the other takes over when it dies.</summary>
public sealed class LeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoReplicas_NeverDoubleFire_AndTheSurvivorTakesOverWhenTheOwnerDies()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        var configured = new Dictionary<string, string?>
        {
            ["Streams:0:Id"] = EngineHarness.StreamId,
            ["Streams:0:Sources:0:Cdn"] = "cdn-a",
            ["Alerting:Redis:ReleaseLeasesOnStop"] = "false",
        };
        var driver = new ProbeDriver(time);
        var owner = await AlertingTestHost.StartAsync(redis, time, "replica-a", configured);
        await using var survivor = await AlertingTestHost.StartAsync(redis, time, "replica-b", configured);
        const string lease = "streamwatch:lease:" + EngineHarness.StreamId;
        Assert.StartsWith("replica-a|", (string?)await inspector.Database.StringGetAsync(lease), StringComparison.Ordinal);

        var toOwner = await driver.ConnectAsync(owner);
        await using var toSurvivor = await driver.ConnectAsync(survivor);
        await driver.StepAsync(15, ok: false);
        await driver.QuiesceAsync();
        var fired = await inspector.WaitForOutboxAsync(r => r.Any(n => n.Alert.Rule == "ManifestUnavailable"));
        RedisInspector.AssertEachAlertNotifiedOnce(fired, resolved: false);

        // The survivor evaluated the same reports (warm windows) but committed nothing.
        Assert.Contains(survivor.Services.GetRequiredService<IAlertEngine>().GetAlerts(), a => a.Rule == "ManifestUnavailable" && a.State == AlertLifecycleState.Firing);

        // The owner dies without giving its lease back.
        driver.Disconnect(toOwner);
        await toOwner.DisposeAsync();
        await owner.DisposeAsync();
        await RedisInspector.WaitUntilAsync(
            async () => ((string?)await inspector.Database.StringGetAsync(lease))?.StartsWith("replica-b|", StringComparison.Ordinal) == true && survivor.Writer.Owns(EngineHarness.StreamId),
            "replica-b holds the lease");

        await driver.StepAsync(5, ok: false);
        await driver.QuiesceAsync();
        Assert.Equal(fired.Count, (await inspector.OutboxAsync()).Count);

        await driver.StepAsync(70, ok: true);
        await driver.QuiesceAsync();
        var records = await inspector.WaitForOutboxAsync(r => r.Count == 2 * fired.Count);
        RedisInspector.AssertEachAlertNotifiedOnce(records, resolved: true);
    }

    [Fact]
    public async Task AnAcknowledgementOnTheReplicaThatDoesNotOwnTheStream_ReachesTheOwnerWhileItRuns()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        var configured = new Dictionary<string, string?> { ["Streams:0:Id"] = EngineHarness.StreamId, ["Streams:0:Sources:0:Cdn"] = "cdn-a" };
        var driver = new ProbeDriver(time);
        await using var owner = await AlertingTestHost.StartAsync(redis, time, "replica-a", configured);
        await using var other = await AlertingTestHost.StartAsync(redis, time, "replica-b", configured);
        Assert.StartsWith("replica-a|", (string?)await inspector.Database.StringGetAsync("streamwatch:lease:" + EngineHarness.StreamId), StringComparison.Ordinal);
        await using var toOwner = await driver.ConnectAsync(owner);
        await using var toOther = await driver.ConnectAsync(other);
        await driver.StepAsync(15, ok: false);
        await driver.QuiesceAsync();
        var fired = await inspector.WaitForOutboxAsync(r => r.Any(n => n.Alert.Rule == "ManifestUnavailable"));
        var fingerprint = fired.First(n => n.Alert.Rule == "ManifestUnavailable").Alert.Fingerprint;
        var ownerEngine = owner.Services.GetRequiredService<IAlertEngine>();
        Assert.Null(ownerEngine.GetAlert(fingerprint)?.Acknowledgement);

        Assert.True(other.Services.GetRequiredService<IAlertEngine>().Acknowledge(fingerprint, "asha", "failing over"));

        await RedisInspector.WaitUntilAsync(
            () => Task.FromResult(ownerEngine.GetAlert(fingerprint)?.Acknowledgement?.By == "asha"),
            "the owner's engine has the acknowledgement");
        var applied = ownerEngine.GetAlert(fingerprint)!.Acknowledgement!;
        Assert.Equal("failing over", applied.Comment);
        Assert.Equal(AlertLifecycleState.Firing, ownerEngine.GetAlert(fingerprint)!.State);
    }
}
