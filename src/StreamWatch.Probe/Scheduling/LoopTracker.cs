namespace StreamWatch.Probe.Scheduling;

/// <summary>
/// Knows, for every poll and discovery loop, whether it is working or waiting and until when. The probe is idle
/// when every loop waits for a time still in the future: a test on a manual clock advances it only then, so each
/// poll runs at the clock time it was due.
/// </summary>
internal sealed class LoopTracker(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Slot> _slots = [];

    /// <summary>True when no loop is working and none is due at or before now.</summary>
    public bool IsIdle
    {
        get
        {
            var now = time.GetUtcNow();
            lock (_gate)
            {
                foreach (var slot in _slots)
                {
                    if (slot.WaitingUntil is not { } until || until <= now)
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }

    /// <summary>The earliest time a waiting loop is due; null when no loop waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                DateTimeOffset? next = null;
                foreach (var slot in _slots)
                {
                    if (slot.WaitingUntil is { } until && (next is null || until < next))
                    {
                        next = until;
                    }
                }

                return next;
            }
        }
    }

    /// <summary>A new loop, working until it says it waits.</summary>
    public Slot Register()
    {
        var slot = new Slot(this);
        lock (_gate)
        {
            _slots.Add(slot);
        }

        return slot;
    }

    private void Remove(Slot slot)
    {
        lock (_gate)
        {
            _slots.Remove(slot);
        }
    }

    private void Set(Slot slot, DateTimeOffset? until)
    {
        lock (_gate)
        {
            slot.WaitingUntil = until;
        }
    }

    /// <summary>One loop's state.</summary>
    internal sealed class Slot(LoopTracker owner) : IDisposable
    {
        public DateTimeOffset? WaitingUntil { get; set; }

        public void WaitUntil(DateTimeOffset due) => owner.Set(this, due);

        public void Working() => owner.Set(this, null);

        public void Dispose() => owner.Remove(this);
    }
}
