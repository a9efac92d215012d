namespace StreamWatch.Alerting.Webhooks;

/// <summary>The dispatcher's state for one receiver: its options, breaker, wake-up signal and last outcomes.</summary>
internal sealed class ReceiverWorker(WebhookReceiverOptions options) : IDisposable
{
    public WebhookReceiverOptions Options { get; } = options;

    public CircuitBreaker Breaker { get; } = new(options.BreakerFailures, options.BreakerDuration);

    /// <summary>Released when a delivery was queued for this receiver.</summary>
    public SemaphoreSlim Signal { get; } = new(0, 1);

    public DateTimeOffset? LastSuccessAt { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>When this replica last took or renewed its lease on the queue (engine clock); null when it holds none.</summary>
    public DateTimeOffset? LeaseAt { get; set; }

    public void Wake()
    {
        try
        {
            Signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public void Dispose() => Signal.Dispose();
}
