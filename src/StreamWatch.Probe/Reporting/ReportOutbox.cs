using System.Threading.Channels;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Reporting;

/// <summary>
/// The probe's outbox for ingest.proto: reports are numbered only when a connected endpoint is about to send them, so
/// reports dropped from the waiting buffer while alerting is unreachable never leave a gap in the sequence. Numbered
/// reports stay in a ring until every endpoint has acked them; each endpoint has its own acked cursor.
/// </summary>
/// <remarks>
/// Bounded twice: the waiting buffer (the sink's channel, <see cref="ReportingOptions.BufferSize"/>, oldest dropped)
/// and the ring (<see cref="ReportingOptions.MaxUnacked"/>). When the ring is full because only disconnected endpoints
/// still need its oldest reports, those are evicted so the connected endpoints keep going; a disconnected endpoint that
/// comes back resumes from alerting's own high-water mark (shared by replicas), and what it misses is counted.
/// </remarks>
internal sealed class ReportOutbox
{
    private readonly Lock _lock = new();
    private readonly ChannelReader<ProbeReport> _waiting;
    private readonly ProbeReport?[] _ring;
    private readonly Cursor[] _cursors;
    private TaskCompletionSource _changed = NewSignal();
    private int _head;
    private int _count;

    public ReportOutbox(ChannelReader<ProbeReport> waiting, int capacity, int endpoints)
    {
        _waiting = waiting;
        _ring = new ProbeReport?[capacity];
        _cursors = new Cursor[endpoints];
        for (var i = 0; i < endpoints; i++)
        {
            _cursors[i] = new Cursor();
        }
    }

    /// <summary>What <see cref="TryTake"/> found.</summary>
    public enum Take
    {
        /// <summary>A report to send.</summary>
        Report,

        /// <summary>Nothing waiting: wait for the buffer (<see cref="Waiting"/>) or <see cref="Changed"/>.</summary>
        Empty,

        /// <summary>This endpoint has <see cref="ReportingOptions.MaxUnacked"/> unacked reports (or a connected peer holds the ring): wait for <see cref="Changed"/>.</summary>
        Full,
    }

    /// <summary>The waiting buffer, for waiting on new reports.</summary>
    public ChannelReader<ProbeReport> Waiting => _waiting;

    /// <summary>Completes at the next change: a report numbered, an ack, an endpoint (dis)connected. Capture it before checking state.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>The first sequence still held (the next to be numbered when the ring is empty).</summary>
    public long FirstSequence { get; private set; } = 1;

    /// <summary>The sequence the next numbered report gets.</summary>
    public long NextSequence => FirstSequence + _count;

    /// <summary>Highest sequence endpoint <paramref name="endpoint"/> has acked.</summary>
    public long Acked(int endpoint)
    {
        lock (_lock)
        {
            return _cursors[endpoint].Acked;
        }
    }

    /// <summary>Reports endpoint <paramref name="endpoint"/> has not acked: numbered ones above its cursor plus every waiting one.</summary>
    public long Unacked(int endpoint)
    {
        lock (_lock)
        {
            var numbered = Math.Max(0, NextSequence - 1 - _cursors[endpoint].Acked);
            return numbered + (_waiting.CanCount ? _waiting.Count : 0);
        }
    }

    /// <summary>Reports evicted from the ring before endpoint <paramref name="endpoint"/> acked them (it was disconnected).</summary>
    public long Missed(int endpoint)
    {
        lock (_lock)
        {
            return _cursors[endpoint].Missed;
        }
    }

    /// <summary>
    /// A call's hello was answered with <paramref name="serverAcked"/>, alerting's high-water mark: marks the endpoint
    /// connected and returns the first sequence to send. When alerting is ahead of every number this outbox has given
    /// (it remembers an earlier life of this probe id), the outbox renumbers from there so nothing looks like a duplicate.
    /// </summary>
    public long Resume(int endpoint, long serverAcked, out long gap)
    {
        lock (_lock)
        {
            if (serverAcked >= NextSequence)
            {
                var delta = serverAcked + 1 - FirstSequence;
                FirstSequence += delta;
                foreach (var other in _cursors)
                {
                    other.Acked += delta;
                }
            }

            var cursor = _cursors[endpoint];
            var next = Math.Max(serverAcked + 1, FirstSequence);
            gap = next - (serverAcked + 1);
            cursor.Missed += gap;

            // Reports evicted while it was away count as settled for this endpoint: its window starts at what is held.
            cursor.Acked = next - 1;
            cursor.Connected = true;
            TrimLocked();
            SignalLocked();
            return next;
        }
    }

    /// <summary>The endpoint's call ended.</summary>
    public void Disconnected(int endpoint)
    {
        lock (_lock)
        {
            _cursors[endpoint].Connected = false;
            SignalLocked();
        }
    }

    /// <summary>A cumulative ack: every sequence up to <paramref name="acked"/> is durable at that endpoint.</summary>
    public void Ack(int endpoint, long acked)
    {
        lock (_lock)
        {
            var cursor = _cursors[endpoint];
            if (acked <= cursor.Acked)
            {
                return;
            }

            cursor.Acked = Math.Min(acked, NextSequence - 1);
            TrimLocked();
            SignalLocked();
        }
    }

    /// <summary>
    /// The report numbered <paramref name="sequence"/> for <paramref name="endpoint"/>, numbering the oldest waiting report
    /// when <paramref name="sequence"/> is the next number. <paramref name="sequence"/> moves forward past reports
    /// evicted while the endpoint was away.
    /// </summary>
    public Take TryTake(int endpoint, int maxUnacked, ref long sequence, out ProbeReport? report)
    {
        report = null;
        lock (_lock)
        {
            var cursor = _cursors[endpoint];
            if (sequence < FirstSequence)
            {
                cursor.Missed += FirstSequence - sequence;
                sequence = FirstSequence;
                cursor.Acked = Math.Max(cursor.Acked, sequence - 1);
            }

            if (sequence - cursor.Acked > maxUnacked)
            {
                return Take.Full;
            }

            if (sequence < NextSequence)
            {
                report = _ring[(_head + (int)(sequence - FirstSequence)) % _ring.Length];
                return Take.Report;
            }

            if (_count == _ring.Length && !TryEvictLocked())
            {
                return Take.Full;
            }

            if (!_waiting.TryRead(out report))
            {
                return Take.Empty;
            }

            _ring[(_head + _count) % _ring.Length] = report;
            _count++;
            SignalLocked();
            return Take.Report;
        }
    }

    /// <summary>Whether <see cref="TryTake"/> would give <paramref name="sequence"/> at once (a write may then be batched).</summary>
    public bool HasReady(int endpoint, int maxUnacked, long sequence)
    {
        lock (_lock)
        {
            return sequence < NextSequence && sequence >= FirstSequence && sequence - _cursors[endpoint].Acked <= maxUnacked;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The ring's oldest report may go only when no connected endpoint still needs it.
    private bool TryEvictLocked()
    {
        foreach (var cursor in _cursors)
        {
            if (cursor.Connected && cursor.Acked < FirstSequence)
            {
                return false;
            }
        }

        DropHeadLocked();
        return true;
    }

    private void TrimLocked()
    {
        var min = long.MaxValue;
        foreach (var cursor in _cursors)
        {
            min = Math.Min(min, cursor.Acked);
        }

        while (_count > 0 && FirstSequence <= min)
        {
            DropHeadLocked();
        }
    }

    private void DropHeadLocked()
    {
        _ring[_head] = null;
        _head = (_head + 1) % _ring.Length;
        _count--;
        FirstSequence++;
    }

    private void SignalLocked()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private sealed class Cursor
    {
        public long Acked { get; set; }

        public bool Connected { get; set; }

        public long Missed { get; set; }
    }
}
