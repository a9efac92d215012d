using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// Wakes the dispatcher's outbox loop: from the store's pub/sub signal (a record is in the outbox)
/// and, as an engine sink, on every transition to notify (a record is about to be committed, so the
/// loop polls briefly until it appears). Keeps detection-to-sent latency in milliseconds without
/// polling Redis while idle.
/// </summary>
internal sealed class WebhookSignal : IAlertEventSink, IDisposable
{
    private readonly SemaphoreSlim _outbox = new(0, 1);
    private int _hinted;

    /// <summary>Something is in the outbox.</summary>
    public void Wake()
    {
        try
        {
            _outbox.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up drains everything.
        }
    }

    /// <summary>Whether the last wake-up came from the engine (the record may not be committed yet); resets it.</summary>
    public bool TakeHint() => Interlocked.Exchange(ref _hinted, 0) == 1;

    /// <summary>Waits for a wake-up or <paramref name="timeout"/> on <paramref name="time"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        => WaitAsync(_outbox, timeout, time, cancellationToken);

    /// <summary>Waits until <paramref name="signal"/> is released or <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    public static async Task WaitAsync(SemaphoreSlim signal, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = signal.WaitAsync(cts.Token);
        var delay = Task.Delay(timeout, time, cts.Token);
        await Task.WhenAny(woken, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(woken, delay).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loser of the race was cancelled; a cancelled semaphore wait consumes nothing.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public void OnTransition(AlertTransition transition)
    {
        if (transition.Notify)
        {
            Volatile.Write(ref _hinted, 1);
            Wake();
        }
    }

    public void OnIncident(Incident incident)
    {
    }

    public void Dispose() => _outbox.Dispose();
}
