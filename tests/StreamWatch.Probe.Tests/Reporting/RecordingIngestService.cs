using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Probe.Tests.Reporting;

/// <summary>
/// A receiver of ingest.proto: answers the hello with the ledger's high-water mark and acks cumulatively every
/// <see cref="IngestServer.AckEvery"/> accepted reports. Calls end when the test drops them or the server stops.
/// </summary>
internal sealed class RecordingIngestService(IngestServer server) : Ingest.IngestBase
{
    public override async Task Report(IAsyncStreamReader<ProbeEnvelope> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
    {
        var dropped = server.CallsToken;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, dropped);
        var ct = call.Token;
        try
        {
            if (!await requestStream.MoveNext(ct) || requestStream.Current.BodyCase != ProbeEnvelope.BodyOneofCase.Hello)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "The first message must be a ProbeHello."));
            }

            if (server.Silent)
            {
                Interlocked.Increment(ref server.SilentCalls);
                await Task.Delay(Timeout.Infinite, ct);
            }

            var ledger = server.Ledger;
            ledger.Hello(requestStream.Current.Hello.LastAckedSequence);
            var acked = ledger.HighWater;
            await responseStream.WriteAsync(new IngestAck { AckedSequence = acked }, ct);
            while (await requestStream.MoveNext(ct))
            {
                ledger.Receive(requestStream.Current.Report.Sequence, requestStream.Current.Report.Report);
                if (ledger.HighWater - acked >= server.AckEvery)
                {
                    acked = ledger.HighWater;
                    await responseStream.WriteAsync(new IngestAck { AckedSequence = acked }, ct);
                }
            }
        }
        catch (OperationCanceledException) when (dropped.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "Dropped by the test."));
        }
    }
}
