namespace StreamWatch.Alerting.Store;

/// <summary>
/// One probe's position in its outbox as this replica sees it: <see cref="Accepted"/> (ingested
/// into the engine) and <see cref="Durable"/> (its high-water mark is in Redis, after every write the
/// reports up to it caused). Ingest acks <see cref="Durable"/> only.
/// </summary>
internal sealed class ProbeHighWater(string probeId, long durable)
{
    private long _durable = durable;

    public string ProbeId { get; } = probeId;

    /// <summary>Serialises a probe's reports across its calls (a reconnect may overlap the old call).</summary>
    public Lock Gate { get; } = new();

    /// <summary>Highest sequence handed to the engine (under <see cref="Gate"/>).</summary>
    public long Accepted { get; set; } = durable;

    public long Durable => Interlocked.Read(ref _durable);

    /// <summary>Called when <see cref="Durable"/> moved, on the store's writer; must not block.</summary>
    public Action? DurableChanged { get; set; }

    public void MarkDurable(long sequence)
    {
        var current = Interlocked.Read(ref _durable);
        while (sequence > current)
        {
            var seen = Interlocked.CompareExchange(ref _durable, sequence, current);
            if (seen == current)
            {
                DurableChanged?.Invoke();
                return;
            }

            current = seen;
        }
    }
}
