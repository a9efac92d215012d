using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Tests.Reporting;

/// <summary>
/// Alerting's durable side of ingest.proto, in memory: accepted reports per probe id, kept across server restarts.
/// Unlike a strict server it records protocol violations (gaps) instead of failing the call, so tests can assert none.
/// </summary>
internal sealed class IngestLedger
{
    private readonly Lock _lock = new();
    private readonly List<(long Sequence, ProbeReport Report)> _accepted = [];
    private readonly List<long> _hellos = [];
    private long _base;

    /// <summary>Reports received at or below the high-water mark (resent duplicates), dropped.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Reports received past high-water + 1.</summary>
    public long Gaps { get; private set; }

    public long HighWater
    {
        get
        {
            lock (_lock)
            {
                return _accepted.Count > 0 ? _accepted[^1].Sequence : _base;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _accepted.Count;
            }
        }
    }

    /// <summary>The <c>last_acked_sequence</c> of every hello, in order.</summary>
    public IReadOnlyList<long> Hellos
    {
        get
        {
            lock (_lock)
            {
                return [.. _hellos];
            }
        }
    }

    public IReadOnlyList<long> Sequences
    {
        get
        {
            lock (_lock)
            {
                return _accepted.ConvertAll(a => a.Sequence);
            }
        }
    }

    public IReadOnlyList<ProbeReport> Reports
    {
        get
        {
            lock (_lock)
            {
                return _accepted.ConvertAll(a => a.Report);
            }
        }
    }

    /// <summary>The test's own numbering of each accepted report (its media sequence).</summary>
    public IReadOnlyList<long> Payloads
    {
        get
        {
            lock (_lock)
            {
                return _accepted.ConvertAll(a => a.Report.Manifest.MediaSequence);
            }
        }
    }

    /// <summary>Pretends alerting remembers an earlier life of the probe id, up to <paramref name="highWater"/>.</summary>
    public void Remember(long highWater)
    {
        lock (_lock)
        {
            _base = highWater;
        }
    }

    public void Hello(long lastAcked)
    {
        lock (_lock)
        {
            _hellos.Add(lastAcked);
        }
    }

    public void Receive(long sequence, ProbeReport report)
    {
        lock (_lock)
        {
            var high = _accepted.Count > 0 ? _accepted[^1].Sequence : _base;
            if (sequence <= high)
            {
                Duplicates++;
                return;
            }

            if (sequence != high + 1)
            {
                Gaps++;
            }

            _accepted.Add((sequence, report));
        }
    }
}
