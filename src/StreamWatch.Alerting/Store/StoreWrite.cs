using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Store;

/// <summary>One queued write of <see cref="AlertStoreWriter"/>.</summary>
internal abstract class StoreWrite;

/// <summary>An alert transition to commit (with its outbox record when notified).</summary>
internal sealed class TransitionWrite(AlertTransition transition) : StoreWrite
{
    public AlertTransition Transition { get; } = transition;
}

/// <summary>An incident opened or closed.</summary>
internal sealed class IncidentWrite(Incident incident) : StoreWrite
{
    public Incident Incident { get; } = incident;
}

/// <summary>An acknowledgement.</summary>
internal sealed class AcknowledgementWrite(Alert alert) : StoreWrite
{
    public Alert Alert { get; } = alert;
}

/// <summary>A silence added, or removed before it ended (<see cref="Removed"/>).</summary>
internal sealed class SilenceWrite(Silence silence, bool removed) : StoreWrite
{
    public Silence Silence { get; } = silence;

    public bool Removed { get; } = removed;
}

/// <summary>A probe's high-water mark; consecutive ones of the same probe are merged while queued.</summary>
internal sealed class HighWaterWrite(ProbeHighWater probe, long sequence) : StoreWrite
{
    public ProbeHighWater Probe { get; } = probe;

    /// <summary>Raised in place while queued (under the writer's lock).</summary>
    public long Sequence { get; set; } = sequence;
}

/// <summary>This replica acquired a stream's lease: load the stored state and reconcile the engine.</summary>
internal sealed class TakeOverWrite(string stream, LeaseToken lease) : StoreWrite
{
    public string Stream { get; } = stream;

    public LeaseToken Lease { get; } = lease;
}

/// <summary>A held lease: its value in Redis (<c>{replica}|{token}</c>) and fencing token.</summary>
internal readonly record struct LeaseToken(string Value, long Token);
