using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>
/// A reference receiver of ingest.proto's resume protocol: answers the hello with the probe's
/// high-water mark, drops reports at or below it, acks cumulatively every <see cref="AckEvery"/>
/// reports and at the end of the stream.
/// </summary>
public sealed class IngestTestService(IngestLedger ledger) : StreamWatch.Contracts.V1.Ingest.IngestBase
{
    public const int AckEvery = 4;

    public override async Task Report(IAsyncStreamReader<ProbeEnvelope> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.BodyCase != ProbeEnvelope.BodyOneofCase.Hello)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The first message must be a ProbeHello."));
        }

        var probeId = requestStream.Current.Hello.ProbeId;
        var acked = ledger.HighWater(probeId);
        await responseStream.WriteAsync(new IngestAck { AckedSequence = acked });
        long duplicates = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var report = requestStream.Current.Report;
            if (!ledger.TryAccept(probeId, report.Sequence, report.Report))
            {
                duplicates++;
                continue;
            }

            if (ledger.HighWater(probeId) - acked >= AckEvery)
            {
                acked = ledger.HighWater(probeId);
                await responseStream.WriteAsync(new IngestAck { AckedSequence = acked, Duplicates = duplicates });
                duplicates = 0;
            }
        }

        await responseStream.WriteAsync(new IngestAck { AckedSequence = ledger.HighWater(probeId), Duplicates = duplicates });
    }
}
