using Google.Protobuf.WellKnownTypes;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Tests.Infrastructure;

namespace StreamWatch.Grpc.Tests.Ingest;

/// <summary>The ingest.proto resume protocol at the message level: hello, cumulative acks, resend after reconnect, duplicates dropped.</summary>
public sealed class IngestResumeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hello_IsAnsweredWithTheHighWaterMark_ThenReportsAreAckedCumulatively()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new StreamWatch.Contracts.V1.Ingest.IngestClient(channel).Report(cancellationToken: Ct);

        await call.RequestStream.WriteAsync(Hello("probe-a", 0), Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(0, call.ResponseStream.Current.AckedSequence);

        for (var seq = 1; seq <= 10; seq++)
        {
            await call.RequestStream.WriteAsync(Report(seq), Ct);
        }

        await call.RequestStream.CompleteAsync();
        var acks = new List<long>();
        await foreach (var ack in call.ResponseStream.ReadAllAsync(Ct))
        {
            acks.Add(ack.AckedSequence);
        }

        Assert.Equal([4, 8, 10], acks);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), server.Ledger.Sequences("probe-a"));
    }

    [Fact]
    public async Task Reconnect_ResendsOnlyWhatWasNotAcked_AndDuplicatesAreDropped()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new StreamWatch.Contracts.V1.Ingest.IngestClient(channel);

        // First connection: 6 reports go out, then the connection is lost before the final ack.
        long acked;
        using (var first = client.Report(cancellationToken: Ct))
        {
            await first.RequestStream.WriteAsync(Hello("probe-b", 0), Ct);
            Assert.True(await first.ResponseStream.MoveNext(Ct));
            for (var seq = 1; seq <= 6; seq++)
            {
                await first.RequestStream.WriteAsync(Report(seq), Ct);
            }

            Assert.True(await first.ResponseStream.MoveNext(Ct));
            acked = first.ResponseStream.Current.AckedSequence;
            Assert.Equal(4, acked);

            // The probe knows only ack 4, but the server accepted more before the drop. Wait for that inside the call:
            // dropping it first (RST_STREAM) may discard 5 and 6 in flight, and then there is nothing to resume past.
            await WaitUntilAsync(() => server.Ledger.HighWater("probe-b") == 6);
        }

        using var second = client.Report(cancellationToken: Ct);
        await second.RequestStream.WriteAsync(Hello("probe-b", acked), Ct);
        Assert.True(await second.ResponseStream.MoveNext(Ct));
        var resumeFrom = second.ResponseStream.Current.AckedSequence;
        Assert.Equal(6, resumeFrom);

        // A careless probe resends from its own last ack (5..9): 5 and 6 are duplicates.
        for (var seq = acked + 1; seq <= 9; seq++)
        {
            await second.RequestStream.WriteAsync(Report(seq), Ct);
        }

        await second.RequestStream.CompleteAsync();
        var final = new List<IngestAck>();
        await foreach (var ack in second.ResponseStream.ReadAllAsync(Ct))
        {
            final.Add(ack);
        }

        Assert.Equal(9, final[^1].AckedSequence);
        Assert.Equal(2, final.Sum(a => a.Duplicates));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), server.Ledger.Sequences("probe-b"));
    }

    [Fact]
    public async Task ReportBeforeHello_IsFailedPrecondition()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new StreamWatch.Contracts.V1.Ingest.IngestClient(channel).Report(cancellationToken: Ct);
        await call.RequestStream.WriteAsync(Report(1), Ct);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }

    private static ProbeEnvelope Hello(string probeId, long lastAcked)
        => new() { Hello = new ProbeHello { ProbeId = probeId, LastAckedSequence = lastAcked, Version = "test" } };

    private static ProbeEnvelope Report(long sequence) => new()
    {
        Report = new SequencedReport
        {
            Sequence = sequence,
            Report = new ProbeReport
            {
                ObservedAt = Timestamp.FromDateTime(new DateTime(2026, 11, 21, 20, 0, 0, DateTimeKind.Utc).AddSeconds(sequence)),
                Manifest = new ManifestPoll
                {
                    Ref = new StreamRef { StreamId = "final-hindi", Cdn = "cdn-a", RenditionId = "720p" },
                    Fetch = new FetchResult { Outcome = FetchOutcome.Ok, HttpStatus = 200, BodyBytes = 1234 },
                    MediaSequence = 1000 + sequence,
                },
            },
        },
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // A hang guard (up to 30 s), not a timing bound.
        for (var i = 0; i < 1_200 && !condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(condition());
    }
}
