using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Store;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Alerting.Ingest;

/// <summary>
/// <c>streamwatch.v1.Ingest/Report</c> (ingest.proto): hello → the probe's durable high-water mark;
/// then each report with a sequence above what this replica accepted goes to the engine, and its
/// sequence is queued to the store behind the writes it caused. Acks are cumulative and carry only
/// durable sequences, so a probe never discards a report whose effects could still be lost.
/// Duplicates are dropped and acked; malformed reports and unknown streams are skipped, counted and
/// acked (resending them cannot help); a report over <c>Grpc:MaxReceiveMessageSize</c> ends that
/// call with RESOURCE_EXHAUSTED. Other probes' calls are never affected.
/// </summary>
internal sealed partial class IngestService(
    IAlertEngine engine,
    AlertStoreWriter writer,
    RedisConnection redis,
    IOptions<StreamCatalogOptions> catalog,
    IngestMetrics metrics,
    ILogger<IngestService> logger) : Contracts.V1.Ingest.IngestBase
{
    private readonly ConcurrentDictionary<string, ProbeHighWater> _probes = new(StringComparer.Ordinal);
    private readonly StreamCatalogOptions _catalog = catalog.Value;

    public override async Task Report(IAsyncStreamReader<ProbeEnvelope> requestStream, IServerStreamWriter<IngestAck> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken).ConfigureAwait(false) || requestStream.Current.BodyCase != ProbeEnvelope.BodyOneofCase.Hello)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "The first message on Report must be a ProbeHello (streamwatch.v1 ingest.proto)."));
        }

        var hello = requestStream.Current.Hello;
        if (!IsProbeId(hello.ProbeId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"ProbeHello.probe_id must be 1-{ReportClassifier.MaxIdLength} printable characters."));
        }

        var probe = await GetProbeAsync(hello.ProbeId).ConfigureAwait(false);
        var session = new AckSession();
        probe.DurableChanged = session.Signal;
        Log.ProbeConnected(logger, hello.ProbeId, hello.Version, probe.Durable, hello.LastAckedSequence);
        await responseStream.WriteAsync(new IngestAck { AckedSequence = probe.Durable }).ConfigureAwait(false);
        var pump = PumpAcksAsync(probe, session, responseStream, probe.Durable, cancellationToken);
        try
        {
            while (await requestStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var envelope = requestStream.Current;
                if (envelope.BodyCase != ProbeEnvelope.BodyOneofCase.Report)
                {
                    metrics.Record(ReportVerdict.Malformed);
                    continue;
                }

                await writer.WaitForCapacityAsync(cancellationToken).ConfigureAwait(false);
                Accept(probe, session, envelope.Report);
            }

            // The probe finished sending: ack everything it sent once durable, then end the call.
            session.End();
            await pump.ConfigureAwait(false);
        }
        finally
        {
            session.End();
            if (probe.DurableChanged == session.Signal)
            {
                probe.DurableChanged = null;
            }

            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>The highest sequence of <paramref name="probeId"/> handed to the engine (or skipped), -1 when unknown.</summary>
    internal long AcceptedOf(string probeId)
    {
        if (!_probes.TryGetValue(probeId, out var probe))
        {
            return -1;
        }

        lock (probe.Gate)
        {
            return probe.Accepted;
        }
    }

    private void Accept(ProbeHighWater probe, AckSession session, SequencedReport sequenced)
    {
        var sequence = sequenced.Sequence;
        if (sequence <= 0)
        {
            // Sequences start at 1: this one cannot be placed in the probe's outbox, nor acked.
            metrics.Record(ReportVerdict.Malformed);
            return;
        }

        ReportVerdict verdict;
        lock (probe.Gate)
        {
            if (sequence <= probe.Accepted)
            {
                verdict = ReportVerdict.Duplicate;
            }
            else
            {
                verdict = ReportClassifier.Classify(sequenced.Report, _catalog);
                if (verdict == ReportVerdict.Accepted)
                {
                    engine.Ingest(sequenced.Report);
                }

                probe.Accepted = sequence;
                writer.EnqueueHighWater(probe, sequence);
            }

            session.Target = Math.Max(session.Target, probe.Accepted);
        }

        metrics.Record(verdict);
        if (verdict == ReportVerdict.Duplicate)
        {
            session.AddDuplicate();
        }
        else if (verdict != ReportVerdict.Accepted)
        {
            Log.ReportSkipped(logger, probe.ProbeId, sequence, verdict);
        }
    }

    private static async Task PumpAcksAsync(ProbeHighWater probe, AckSession session, IServerStreamWriter<IngestAck> responseStream, long acked, CancellationToken cancellationToken)
    {
        while (true)
        {
            var durable = probe.Durable;
            var duplicates = session.TakeDuplicates();
            if (durable > acked || duplicates > 0)
            {
                await responseStream.WriteAsync(new IngestAck { AckedSequence = durable, Duplicates = duplicates }).ConfigureAwait(false);
                acked = durable;
            }

            if (session.Ended && acked >= session.Target)
            {
                return;
            }

            await session.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<ProbeHighWater> GetProbeAsync(string probeId)
    {
        if (_probes.TryGetValue(probeId, out var known))
        {
            return known;
        }

        RedisValue stored;
        try
        {
            stored = await redis.Database.HashGetAsync(redis.Keys.HighWater(writer.ReplicaId), probeId).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Without the stored high-water mark the resume point is unknown: the probe retries later.
            throw new RpcException(new Status(StatusCode.Unavailable, "The alert store (Redis) is unavailable; reconnect later."));
        }

        return _probes.GetOrAdd(probeId, static (id, hwm) => new ProbeHighWater(id, hwm), stored.IsNull ? 0 : (long)stored);
    }

    private static bool IsProbeId(string value)
    {
        if (value.Length is 0 or > ReportClassifier.MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One call's ack state: the signal from the store, duplicates to report, and the end.</summary>
    private sealed class AckSession
    {
        private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private long _duplicates;
        private long _target;
        private volatile bool _ended;

        public AckSession() => Signal = () => _signals.Writer.TryWrite(true);

        public Action Signal { get; }

        /// <summary>The highest sequence this call must ack before it ends.</summary>
        public long Target
        {
            get => Interlocked.Read(ref _target);
            set => Interlocked.Exchange(ref _target, value);
        }

        public bool Ended => _ended;

        public void AddDuplicate()
        {
            Interlocked.Increment(ref _duplicates);
            Signal();
        }

        public long TakeDuplicates() => Interlocked.Exchange(ref _duplicates, 0);

        public void End()
        {
            _ended = true;
            Signal();
        }

        public async ValueTask WaitAsync(CancellationToken cancellationToken)
        {
            await _signals.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            _signals.Reader.TryRead(out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3150, Level = LogLevel.Information, Message = "Probe {ProbeId} ({Version}) connected; resume after {Durable} (probe believes {ProbeAcked})")]
        public static partial void ProbeConnected(ILogger logger, string probeId, string version, long durable, long probeAcked);

        [LoggerMessage(EventId = 3151, Level = LogLevel.Warning, Message = "Report {Sequence} of probe {ProbeId} skipped: {Verdict}")]
        public static partial void ReportSkipped(ILogger logger, string probeId, long sequence, ReportVerdict verdict);
    }
}
