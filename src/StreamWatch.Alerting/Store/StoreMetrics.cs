using System.Diagnostics.Metrics;

namespace StreamWatch.Alerting.Store;

/// <summary>
/// The store's instruments (meter <c>StreamWatch.Alerting</c>):
/// <c>streamwatch_alerting_store_writes_total{result}</c> (committed, notified, duplicate, fenced, not_owner, dropped),
/// <c>streamwatch_alerting_store_queue</c> (writes waiting for Redis) and
/// <c>streamwatch_alerting_leases</c> (streams this replica owns).
/// </summary>
internal sealed class StoreMetrics
{
    private static readonly KeyValuePair<string, object?> Committed = new("result", "committed");
    private static readonly KeyValuePair<string, object?> Notified = new("result", "notified");
    private static readonly KeyValuePair<string, object?> Duplicate = new("result", "duplicate");
    private static readonly KeyValuePair<string, object?> Fenced = new("result", "fenced");
    private static readonly KeyValuePair<string, object?> NotOwner = new("result", "not_owner");
    private static readonly KeyValuePair<string, object?> Dropped = new("result", "dropped");

    private readonly Counter<long> _writes;

    public StoreMetrics(IMeterFactory meterFactory, AlertStoreWriter writer)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(writer);
        var meter = meterFactory.Create("StreamWatch.Alerting");
        _writes = meter.CreateCounter<long>("alerting.store.writes", description: "Alert store writes by result.");
        meter.CreateObservableGauge("alerting.store.queue", () => writer.Pending, description: "Writes waiting for Redis.");
        meter.CreateObservableGauge("alerting.leases", () => writer.OwnedCount, description: "Streams whose lease this replica holds.");
    }

    public void Committed1(bool notified) => _writes.Add(1, notified ? Notified : Committed);

    public void Duplicated() => _writes.Add(1, Duplicate);

    public void WasFenced() => _writes.Add(1, Fenced);

    public void NotOwned() => _writes.Add(1, NotOwner);

    public void WasDropped() => _writes.Add(1, Dropped);
}
