namespace StreamWatch.Gateway.Forwarding;

/// <summary>The live state of one destination: requests in flight and health.</summary>
internal sealed class DestinationState(string name, Uri address)
{
    private int _concurrentRequests;
    private int _consecutiveFailures;
    private long _passiveEjectedUntilTicks; // TimeProvider UTC ticks; 0 = not ejected
    private volatile bool _activeHealthy = true; // unknown counts as healthy until the first probe

    public string Name { get; } = name;

    /// <summary>The base address without a trailing slash, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public Uri Address { get; } = address;

    /// <summary>The base address as text, to build request URIs without re-parsing.</summary>
    public string AddressText { get; } = address.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public int ConcurrentRequests => Volatile.Read(ref _concurrentRequests);

    public bool ActiveHealthy => _activeHealthy;

    public bool IsAvailable(long nowTicks) => _activeHealthy && Volatile.Read(ref _passiveEjectedUntilTicks) <= nowTicks;

    public void RequestStarted() => Interlocked.Increment(ref _concurrentRequests);

    public void RequestEnded() => Interlocked.Decrement(ref _concurrentRequests);

    /// <summary>Records a proxied request's outcome; returns true when this failure ejected the destination.</summary>
    public bool ReportPassive(bool transportFailure, PassiveHealthCheckConfig policy, long nowTicks)
    {
        if (!transportFailure)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            return false;
        }

        if (!policy.Enabled || Interlocked.Increment(ref _consecutiveFailures) < policy.FailureThreshold)
        {
            return false;
        }

        Volatile.Write(ref _consecutiveFailures, 0);
        Volatile.Write(ref _passiveEjectedUntilTicks, nowTicks + policy.ReactivationPeriod.Ticks);
        return true;
    }

    /// <summary>Records an active probe; returns true when the destination's availability changed.</summary>
    public bool ReportActive(bool healthy)
    {
        var changed = _activeHealthy != healthy;
        _activeHealthy = healthy;
        if (healthy)
        {
            // A passing probe is fresher news than the failures that ejected it.
            Volatile.Write(ref _passiveEjectedUntilTicks, 0);
            Volatile.Write(ref _consecutiveFailures, 0);
        }

        return changed;
    }
}
