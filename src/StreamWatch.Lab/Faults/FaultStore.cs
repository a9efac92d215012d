using System.Globalization;
using Microsoft.Extensions.Logging;

namespace StreamWatch.Lab.Faults;

/// <summary>
/// The faults in force, shared by every CDN edge. Readers take a lock-free snapshot (the hot path
/// sees an empty array when no drill runs); writers replace the array under a lock.
/// </summary>
internal sealed partial class FaultStore(TimeProvider time, ILogger<FaultStore> logger)
{
    private readonly Lock _gate = new();
    private Fault[] _faults = [];
    private long _nextId;

    /// <summary>Every fault not yet removed (pending, active or expired but not yet pruned).</summary>
    public Fault[] Snapshot => Volatile.Read(ref _faults);

    public string NextId() => "f-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    public void Add(Fault fault)
    {
        lock (_gate)
        {
            _faults = [.. Pruned(), fault];
        }

        LogFaultAdded(logger, fault.Id, FaultKinds.NameOf(fault.Kind), fault.Request.Cdn, fault.Request.Stream, fault.Request.Rendition ?? "*", fault.ActiveFrom, fault.ExpiresAt);
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            var index = Array.FindIndex(_faults, f => f.Id == id);
            if (index < 0)
            {
                return false;
            }

            _faults = [.. _faults[..index], .. _faults[(index + 1)..]];
        }

        LogFaultRemoved(logger, id);
        return true;
    }

    public int Clear()
    {
        int count;
        lock (_gate)
        {
            count = _faults.Length;
            _faults = [];
        }

        LogFaultsCleared(logger, count);
        return count;
    }

    /// <summary>The faults still pending or active; expired ones are dropped from the store on the way.</summary>
    public Fault[] Current()
    {
        lock (_gate)
        {
            _faults = Pruned();
            return _faults;
        }
    }

    private Fault[] Pruned()
    {
        var now = time.GetUtcNow();
        return Array.FindAll(_faults, f => !f.IsExpired(now));
    }
}
