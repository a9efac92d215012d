using System.Diagnostics;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.Store;

/// <summary>The owning replica is a real alerting process killed with SIGKILL; an in-process replica takes over.</summary>
public sealed class ReplicaCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Shared = new()
    {
        ["Streams:0:Id"] = EngineHarness.StreamId,
        ["Streams:0:Sources:0:Cdn"] = "cdn-a",
        ["Rules:0:Name"] = "ManifestUnavailable",
        ["Rules:0:For"] = "00:00:00",
        ["Rules:1:Name"] = "StreamDown",
        ["Rules:1:Enabled"] = "false",
        ["Rules:2:Name"] = "ProbeSilent",
        ["Rules:2:Enabled"] = "false",
    };

    [Fact]
    public async Task OwnerProcessKilled_SurvivorTakesTheLeaseAndResolvesOnce()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var grpcPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Grpc__Protocols"] = "Http2",
            ["Alerting__Redis__ReplicaId"] = "replica-a",
            ["Alerting__Redis__LeaseDuration"] = "00:00:03",
            ["Alerting__Redis__LeaseRenewInterval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in Shared)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        await using var owner = await ServiceProcess.StartAsync("StreamWatch.Alerting", FreePort.Next(), environment, cancellationToken: Ct);
        const string lease = "streamwatch:lease:" + EngineHarness.StreamId;
        await RedisInspector.WaitUntilAsync(
            async () => ((string?)await inspector.Database.StringGetAsync(lease))?.StartsWith("replica-a|", StringComparison.Ordinal) == true,
            "the process holds the lease");

        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>(Shared) { ["Alerting:Redis:LeaseDuration"] = "00:00:03" };
        await using var survivor = await AlertingTestHost.StartAsync(redis, time, "replica-b", settings);
        await using var toOwner = await ProbeStream.OpenAsync(new Uri($"http://127.0.0.1:{grpcPort}"));
        await using var toSurvivor = await ProbeStream.OpenAsync(survivor);
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await toOwner.SendAsync(sequence, ProbeStream.Poll(time.GetUtcNow(), ok: false));
            await toSurvivor.SendAsync(sequence, ProbeStream.Poll(time.GetUtcNow(), ok: false));
        }

        await toOwner.WaitForAckAsync(3);
        await toSurvivor.WaitForAckAsync(3);
        var fired = await inspector.WaitForOutboxAsync(r => r.Count > 0);
        RedisInspector.AssertEachAlertNotifiedOnce(fired, resolved: false);

        owner.Kill();
        var killed = Stopwatch.StartNew();
        await RedisInspector.WaitUntilAsync(() => Task.FromResult(survivor.Writer.Owns(EngineHarness.StreamId)), "replica-b owns the stream");
        TestContext.Current.TestOutputHelper?.WriteLine($"Stream moved {killed.Elapsed.TotalSeconds:F1} s after the owner was killed (lease 3 s, renew 1 s).");

        var driver = new ProbeDriver(time) { Sequence = 3 };
        await using var again = await driver.ConnectAsync(survivor);
        await driver.StepAsync(35, ok: true);
        await driver.QuiesceAsync();
        var records = await inspector.WaitForOutboxAsync(r => r.Count == 2 * fired.Count);
        RedisInspector.AssertEachAlertNotifiedOnce(records, resolved: true);
    }
}
