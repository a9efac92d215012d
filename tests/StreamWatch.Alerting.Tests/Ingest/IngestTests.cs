using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;
using StreamWatch.Testing.Processes;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.Ingest;

/// <summary>ingest.proto's resume protocol through the real gRPC client, with a real Redis keeping the high-water marks.</summary>
public sealed class IngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconnect_ResumesFromTheDurableHighWaterMark_DuplicatesDroppedButAcked()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        await using (var host = await AlertingTestHost.StartAsync(redis, time))
        {
            await using (var first = await ProbeStream.OpenAsync(host))
            {
                Assert.Equal(0, first.Acks[0].AckedSequence);
                for (var sequence = 1; sequence <= 5; sequence++)
                {
                    await first.SendAsync(sequence, ProbeStream.Poll(time.GetUtcNow(), ok: true));
                }

                await first.WaitForAckAsync(5);
                Assert.Equal(5, (long)await inspector.Database.HashGetAsync("streamwatch:ingest:replica-a:hwm", "probe-1"));
                await first.CompleteAsync();
            }

            // The probe did not see the last acks: it resends 3..5 with 6 and 7.
            await using var second = await ProbeStream.OpenAsync(host);
            Assert.Equal(5, second.Acks[0].AckedSequence);
            for (var sequence = 3; sequence <= 7; sequence++)
            {
                await second.SendAsync(sequence, ProbeStream.Poll(time.GetUtcNow(), ok: true));
            }

            await second.WaitForAckAsync(7);
            await RedisInspector.WaitUntilAsync(() => Task.FromResult(second.Duplicates == 3), "3 duplicates are acked");
            Assert.All(second.Acks, a => Assert.InRange(a.AckedSequence, 5, 7));
        }

        // A restarted replica (same replica id) resumes from Redis.
        await using var restarted = await AlertingTestHost.StartAsync(redis, time);
        await using var third = await ProbeStream.OpenAsync(restarted);
        Assert.Equal(7, third.Acks[0].AckedSequence);
    }

    [Fact]
    public async Task RedisDown_ReportsAreEvaluatedButNotAckedUntilDurable()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: true, Ct);
        var time = new ManualTimeProvider();
        await using var host = await AlertingTestHost.StartAsync(redis, time);
        await using var stream = await ProbeStream.OpenAsync(host);
        await stream.SendAsync(1, ProbeStream.Poll(time.GetUtcNow(), ok: true));
        await stream.WaitForAckAsync(1);

        redis.Kill();
        await stream.SendAsync(2, ProbeStream.Poll(time.GetUtcNow(), ok: true));
        await RedisInspector.WaitUntilAsync(() => Task.FromResult(host.Writer.Failing), "a write to Redis has failed");
        Assert.Equal(1, stream.Acked);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.GetStatusAsync("/health"));

        await redis.RestartAsync(Ct);
        await stream.WaitForAckAsync(2);
        using var inspector = new RedisInspector(redis.ConnectionString);
        Assert.Equal(2, (long)await inspector.Database.HashGetAsync("streamwatch:ingest:replica-a:hwm", "probe-1"));
    }

    [Fact]
    public async Task BadReportsAndUnknownStreams_AreSkippedAndAcked_OversizedEndsOnlyThatCall()
    {
        await using var redis = await RedisServer.StartAsync(cancellationToken: Ct);
        var time = new ManualTimeProvider();
        await using var host = await AlertingTestHost.StartAsync(redis, time, settings: new Dictionary<string, string?>
        {
            ["Streams:0:Id"] = EngineHarness.StreamId,
            ["Streams:0:Sources:0:Cdn"] = "cdn-a",
            ["Grpc:MaxReceiveMessageSize"] = "4096",
        });
        await using var good = await ProbeStream.OpenAsync(host, "probe-good");
        await good.SendAsync(1, new ProbeReport());
        await good.SendAsync(2, ProbeStream.Poll(time.GetUtcNow(), ok: true, stream: "elsewhere"));
        await good.SendAsync(3, ProbeStream.Poll(time.GetUtcNow(), ok: true, cdn: "Not An Id"));
        await good.SendAsync(4, ProbeStream.Poll(time.GetUtcNow(), ok: true));
        await good.WaitForAckAsync(4);

        await using var huge = await ProbeStream.OpenAsync(host, "probe-huge");
        var oversized = ProbeStream.Poll(time.GetUtcNow(), ok: false);
        oversized.Manifest.Findings.Add(new Finding { Code = "HLS-X", Message = new string('x', 10_000) });
        await huge.SendAsync(1, oversized);
        await RedisInspector.WaitUntilAsync(() => Task.FromResult(huge.Error is not null), "the oversized call fails");
        Assert.Equal(StatusCode.ResourceExhausted, Assert.IsType<RpcException>(huge.Error).StatusCode);

        await good.SendAsync(5, ProbeStream.Poll(time.GetUtcNow(), ok: true));
        await good.WaitForAckAsync(5);
        var streams = host.Services.GetRequiredService<IAlertEngine>().GetHealth();
        var known = Assert.Single(streams);
        Assert.Equal(EngineHarness.StreamId, known.Stream);
        Assert.Equal(["cdn-a"], known.Sources.Select(s => s.Cdn));
    }

    [Fact]
    public async Task FirstMessageNotAHello_FailsWithFailedPrecondition()
    {
        await using var redis = await RedisServer.StartAsync(cancellationToken: Ct);
        await using var host = await AlertingTestHost.StartAsync(redis, new ManualTimeProvider());
        using var channel = host.CreateChannel();
        using var call = new StreamWatch.Contracts.V1.Ingest.IngestClient(channel).Report(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(new ProbeEnvelope { Report = new SequencedReport { Sequence = 1, Report = new ProbeReport() } }, Ct);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task ConfiguredSourceThatNeverReports_FiresProbeSilentAndIsNotified()
    {
        await using var redis = await RedisServer.StartAsync(cancellationToken: Ct);
        using var inspector = new RedisInspector(redis.ConnectionString);
        var time = new ManualTimeProvider();
        await using var host = await AlertingTestHost.StartAsync(redis, time, settings: new Dictionary<string, string?>
        {
            ["Streams:0:Id"] = EngineHarness.StreamId,
            ["Streams:0:Sources:0:Cdn"] = "cdn-a",
            ["Streams:0:Sources:1:Cdn"] = "cdn-b",
        });
        var driver = new ProbeDriver(time);
        await using var stream = await driver.ConnectAsync(host);
        await driver.StepAsync(25, ok: true);
        await driver.QuiesceAsync();

        var records = await inspector.WaitForOutboxAsync(r => r.Count > 0);
        var silent = Assert.Single(records);
        Assert.Equal("ProbeSilent", silent.Alert.Rule);
        Assert.Equal("cdn-b", silent.Alert.Cdn);
    }
}
