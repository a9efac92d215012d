using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Benchmarks.Grpc;

/// <summary>
/// The receiving side of ingest.proto as the benchmark measures it, with the same policy as
/// tools/grpc-peer/server.js: answer the hello, drop duplicates, ack cumulatively every 512 reports
/// and at the end of the request stream. Per-stream state only: the work under test is the transport.
/// </summary>
public sealed class BenchIngestService : Ingest.IngestBase
{
    private const long AckEvery = 512;

    public override async Task Report(IAsyncStreamReader<ProbeEnvelope> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        long acked = 0;
        long highest = 0;
        long duplicates = 0;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var envelope = requestStream.Current;
            if (envelope.BodyCase == ProbeEnvelope.BodyOneofCase.Hello)
            {
                await responseStream.WriteAsync(new IngestAck { AckedSequence = acked }).ConfigureAwait(false);
                continue;
            }

            var sequence = envelope.Report.Sequence;
            if (sequence <= highest)
            {
                duplicates++;
                continue;
            }

            highest = sequence;
            if (highest - acked >= AckEvery)
            {
                acked = highest;
                await responseStream.WriteAsync(new IngestAck { AckedSequence = acked, Duplicates = duplicates }).ConfigureAwait(false);
                duplicates = 0;
            }
        }

        await responseStream.WriteAsync(new IngestAck { AckedSequence = highest, Duplicates = duplicates }).ConfigureAwait(false);
    }
}
