using System.Diagnostics.Metrics;

namespace StreamWatch.Alerting.Store;

/// <summary>
/// The store's instruments (meter <c>StreamWatch.Alerting</c>):
/// <c>streamwatch_alerting_store_writes_total{result}</c> (committed, notified, duplicate, fenced, not_owner, dropped),
/// <c>streamwatch_alerting_store_queue</c> (writes waiting for Redis) and
/// <c>streamwatch_alerting_leases</c> (streams this replica owns),
/// <c>streamwatch_redis_connected</c> (1 while the connection is up) and
/// <c>streamwatch_redis_command_seconds</c> (each committed write: one Lua script round trip).
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
    private readonly Histogram<double> _command;

    public StoreMetrics(IMeterFactory meterFactory, AlertStoreWriter writer)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(writer);
        var meter = meterFactory.Create("StreamWatch.Alerting");
        _writes = meter.CreateCounter<long>("alerting.store.writes", description: "Alert store writes by result.");
        meter.CreateObservableGauge("alerting.store.queue", () => writer.Pending, description: "Writes waiting for Redis.");
        meter.CreateObservableGauge("alerting.leases", () => writer.OwnedCount, description: "Streams whose lease this replica holds.");
        meter.CreateObservableGauge("redis.connected", () => writer.RedisConnected ? 1 : 0, description: "1 while alerting's Redis connection is up, else 0.");
        _command = meter.CreateHistogram<double>("redis.command", "s", "Duration of one store write (one Lua script round trip) to Redis.");
    }

    public void Committed1(bool notified) => _writes.Add(1, notified ? Notified : Committed);

    public void CommandSeconds(double seconds) => _command.Record(seconds);

    public void Duplicated() => _writes.Add(1, Duplicate);

    public void WasFenced() => _writes.Add(1, Fenced);

    public void NotOwned() => _writes.Add(1, NotOwner);

    public void WasDropped() => _writes.Add(1, Dropped);
}
