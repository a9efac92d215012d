namespace StreamWatch.Alerting.Webhooks;

/// <summary>Settings of the webhook dispatcher itself, section <c>Alerting:Webhooks</c>.</summary>
public sealed class WebhookDispatchOptions
{
    /// <summary>The configuration section: <c>Alerting:Webhooks</c>.</summary>
    public const string SectionName = "Alerting:Webhooks";

    /// <summary>
    /// How often the outbox and the delivery queues are checked when nothing signalled new work
    /// (the store's pub/sub signal and the engine's transitions wake the dispatcher at once);
    /// defaults to 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delivery attempts kept per receiver for <c>GET /api/v1/webhooks/{name}/deliveries</c>; defaults to 200.</summary>
    public int HistoryLimit { get; set; } = 200;

    /// <summary>Dead letters kept per receiver (oldest dropped first); defaults to 1,000.</summary>
    public int DeadLetterLimit { get; set; } = 1000;

    /// <summary>
    /// Lifetime of a replica's lease on a receiver's queue (only the holder delivers, so two alerting
    /// replicas never send the same queue at once); renewed while delivering. Defaults to 30 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
