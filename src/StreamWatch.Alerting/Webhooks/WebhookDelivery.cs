namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// One notification rendered for one receiver, as kept in the receiver's queue
/// (<see cref="Store.RedisKeyspace.WebhookQueue"/>). The body is rendered once, when the
/// notification leaves the outbox, and sent unchanged on every attempt.
/// </summary>
public sealed record WebhookDelivery
{
    /// <summary>Delivery id, <c>{fingerprint}-{ordinal}-{receiver}</c>: stable per notification and receiver, the receiver's idempotency key.</summary>
    public required string Id { get; init; }

    /// <summary>Receiver name.</summary>
    public required string Receiver { get; init; }

    /// <summary>The notification's id (<c>{fingerprint}:{ordinal}</c>).</summary>
    public required string NotificationId { get; init; }

    /// <summary>Alert fingerprint.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Per-alert notification number.</summary>
    public required long Ordinal { get; init; }

    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public required string Event { get; init; }

    /// <summary>When the alert transition happened (detection); the notification's age and latency count from here.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When it was rendered and queued.</summary>
    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>The exact body to POST (UTF-8 JSON); signed as is.</summary>
    public required string Body { get; init; }
}
