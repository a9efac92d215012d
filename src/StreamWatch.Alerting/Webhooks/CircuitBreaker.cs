namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// Per-receiver circuit breaker: after <c>failures</c> failed attempts in a row it opens for
/// <c>duration</c>, then lets one half-open probe attempt through; success closes it, failure opens
/// it again. Deliveries of one receiver are sequential, so this needs no concurrency of its own,
/// but the API reads it, hence the lock.
/// </summary>
internal sealed class CircuitBreaker(int failures, TimeSpan duration)
{
    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset? _openUntil;

    /// <summary><c>closed</c>, <c>open</c> or <c>half-open</c> at <paramref name="now"/>.</summary>
    public string State(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _openUntil is not { } until ? "closed" : now < until ? "open" : "half-open";
        }
    }

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures;
            }
        }
    }

    public DateTimeOffset? OpenUntil
    {
        get
        {
            lock (_gate)
            {
                return _openUntil;
            }
        }
    }

    /// <summary>How long to wait before the next attempt may go out: zero when closed or half-open.</summary>
    public TimeSpan WaitBeforeAttempt(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _openUntil is { } until && now < until ? until - now : TimeSpan.Zero;
        }
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _openUntil = null;
        }
    }

    /// <summary>Counts a failure; true when this failure opened (or re-opened) the breaker.</summary>
    public bool OnFailure(DateTimeOffset now)
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            var halfOpen = _openUntil is { } until && now >= until;
            if (halfOpen || _consecutiveFailures >= failures)
            {
                _openUntil = now + duration;
                return true;
            }

            return false;
        }
    }
}
