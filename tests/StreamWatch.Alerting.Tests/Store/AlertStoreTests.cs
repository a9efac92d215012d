using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.Store;

/// <summary>The Redis store against a real redis-server (append-only), through the real gRPC ingest.</summary>
public sealed class AlertStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestartMidIncident_FiresNothingTwiceResolvesOnceAndKeepsAcksSilencesAndHistory()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        var settings = new Dictionary<string, string?> { ["Alerting:HistoryLimit"] = "4" };
        var driver = new ProbeDriver(time);

        var first = await AlertingTestHost.StartAsync(redis, time, settings: settings);
        var stream = await driver.ConnectAsync(first);
        await driver.StepAsync(15, ok: false);
        await driver.QuiesceAsync();
        var fired = await inspector.WaitForOutboxAsync(r => r.Any(n => n.Alert.Rule == "ManifestUnavailable"));
        RedisInspector.AssertEachAlertNotifiedOnce(fired, resolved: false);

        var engine = first.Services.GetRequiredService<IAlertEngine>();
        var unavailable = fired.First(r => r.Alert.Rule == "ManifestUnavailable").Alert.Fingerprint;
        Assert.True(engine.Acknowledge(unavailable, "oncall", "looking"));
        var silence = engine.AddSilence([new LabelMatcher("rule", "SegmentSlow")], time.GetUtcNow(), time.GetUtcNow().AddHours(1), "oncall");
        await driver.QuiesceAsync();
        await stream.DisposeAsync();
        driver.Disconnect(stream);
        await first.DisposeAsync();

        // A new process on the same Redis and replica id: resumes the probe, restores state.
        await using var second = await AlertingTestHost.StartAsync(redis, time, settings: settings);
        stream = await driver.ConnectAsync(second);
        Assert.Equal(driver.Sequence, stream.Acks[0].AckedSequence);
        var restored = second.Services.GetRequiredService<IAlertEngine>();
        Assert.Equal(AlertLifecycleState.Firing, restored.GetAlert(unavailable)?.State);
        Assert.Equal("oncall", restored.GetAlert(unavailable)?.Acknowledgement?.By);
        Assert.Contains(restored.GetSilences(), s => s.Id == silence.Id);

        await driver.StepAsync(10, ok: false);
        await driver.QuiesceAsync();
        Assert.Equal(fired.Count, (await inspector.OutboxAsync()).Count);

        await driver.StepAsync(70, ok: true);
        await driver.QuiesceAsync();
        var records = await inspector.WaitForOutboxAsync(r => r.Count == 2 * fired.Count);
        RedisInspector.AssertEachAlertNotifiedOnce(records, resolved: true);

        await driver.StepAsync(5, ok: true);
        await driver.QuiesceAsync();
        Assert.Equal(2 * fired.Count, (await inspector.OutboxAsync()).Count);

        var history = await second.Services.GetRequiredService<IAlertHistory>().GetRecentAsync(EngineHarness.StreamId, 100, Ct);
        Assert.Equal(4, history.Count);
        Assert.Equal("resolved", history[0].To);
        Assert.True(history[0].At >= history[^1].At);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledAndRestarted_UnhealthyMeanwhileThenRecoversWithNothingLost()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        var driver = new ProbeDriver(time);
        await using var host = await AlertingTestHost.StartAsync(redis, time);
        await using var stream = await driver.ConnectAsync(host);
        await driver.StepAsync(3, ok: true);
        await driver.QuiesceAsync();
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/health"));
        var ackedBefore = stream.Acked;

        redis.Kill();
        await driver.StepAsync(15, ok: false, durable: false);

        // The engine kept evaluating: the alert fired in memory; nothing was acked meanwhile.
        var engine = host.Services.GetRequiredService<IAlertEngine>();
        Assert.Contains(engine.GetAlerts(), a => a.Rule == "ManifestUnavailable" && a.State == AlertLifecycleState.Firing);
        await RedisInspector.WaitUntilAsync(async () => await host.GetStatusAsync("/health") == HttpStatusCode.ServiceUnavailable, "/health is 503");
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/alive"));
        Assert.Equal(ackedBefore, stream.Acked);
        Assert.True(host.Writer.Pending > 0);

        await redis.RestartAsync(Ct);
        await stream.WaitForAckAsync(driver.Sequence);
        await driver.QuiesceAsync();
        await RedisInspector.WaitUntilAsync(async () => await host.GetStatusAsync("/health") == HttpStatusCode.OK, "/health is 200 again");
        var records = await inspector.WaitForOutboxAsync(r => r.Any(n => n.Alert.Rule == "ManifestUnavailable"));
        RedisInspector.AssertEachAlertNotifiedOnce(records, resolved: false);
        Assert.Equal(driver.Sequence, (long)await inspector.Database.HashGetAsync("streamwatch:ingest:replica-a:hwm", "probe-1"));
        Assert.True(await inspector.Database.SetContainsAsync("streamwatch:alerts:active", records[0].Alert.Fingerprint));
    }

    [Fact]
    public async Task EndedSilences_AreDeletedFromRedis_AndShownUntilTheyEnd()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        await using var host = await AlertingTestHost.StartAsync(redis, time);
        var engine = host.Services.GetRequiredService<IAlertEngine>();
        var start = time.GetUtcNow();
        var kept = engine.AddSilence([new LabelMatcher("rule", "SegmentSlow")], start, start.AddMinutes(10), "oncall");
        var removed = engine.AddSilence([new LabelMatcher("rule", "ManifestStale")], start, start.AddMinutes(5), "oncall");
        Assert.True(engine.RemoveSilence(removed.Id));
        await RedisInspector.WaitUntilAsync(
            async () => await inspector.Database.HashExistsAsync("streamwatch:silences", kept.Id)
                && await inspector.Database.SortedSetScoreAsync("streamwatch:silences:removed-until", removed.Id) is not null,
            "the silence and the removal are stored");
        Assert.False(await inspector.Database.HashExistsAsync("streamwatch:silences", removed.Id));

        // Past the removed silence's end: its removal is forgotten by a lease round, which must keep the live silence.
        time.Advance(TimeSpan.FromMinutes(6));
        await RedisInspector.WaitUntilAsync(
            async () => await inspector.Database.SortedSetLengthAsync("streamwatch:silences:removed-until") == 0,
            "the expired removal is deleted");
        Assert.True(await inspector.Database.HashExistsAsync("streamwatch:silences", kept.Id));
        Assert.Contains(engine.GetSilences(), s => s.Id == kept.Id);

        time.Advance(TimeSpan.FromMinutes(4));
        await RedisInspector.WaitUntilAsync(
            async () => !await inspector.Database.KeyExistsAsync("streamwatch:silences"),
            "the ended silence is deleted");
        Assert.DoesNotContain(engine.GetSilences(), s => s.Id == kept.Id);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:redis is required")]
    [InlineData("ssl=true", "ConnectionStrings:redis names no endpoint")]
    [InlineData("127.0.0.1:6379,abortConnect=maybe", "ConnectionStrings:redis is not a valid")]
    public async Task MissingOrInvalidConnectionString_FailsStartNamingTheSetting(string? connectionString, string expected)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = connectionString });
        builder.AddAlerting();
        StreamWatch.Alerting.Store.StoreServiceExtensions.AddAlertStore(builder);
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync(Ct));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
