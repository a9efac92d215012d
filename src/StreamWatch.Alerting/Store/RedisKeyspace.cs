namespace StreamWatch.Alerting.Store;

/// <summary>
/// Names of every Redis key alerting uses, under one prefix (<c>Alerting:Redis:KeyPrefix</c>,
/// default <c>streamwatch:</c>) so several StreamWatch installations can share one Redis.
/// Every component builds its keys here; none writes a key name of its own.
/// </summary>
/// <param name="prefix">The key prefix, including its trailing separator.</param>
public sealed class RedisKeyspace(string prefix)
{
    /// <summary>The default prefix.</summary>
    public const string DefaultPrefix = "streamwatch:";

    /// <summary>The prefix in force.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>
    /// The notification outbox: a list of JSON <see cref="Notifications.NotificationRecord"/>s, oldest
    /// first (RPUSH by the store in the same Lua script that commits the alert transition; consumed
    /// from the head by the webhook dispatcher).
    /// </summary>
    public string Outbox => Prefix + "outbox";

    /// <summary>
    /// Pub/sub channel the store publishes to (any message) after appending to <see cref="Outbox"/>,
    /// so the webhook dispatcher wakes at once instead of at its next poll.
    /// </summary>
    public string OutboxSignal => Prefix + "outbox:signal";

    /// <summary>
    /// Pub/sub channel the store publishes an alert's fingerprint to after storing an acknowledgement, so
    /// the replica that owns the alert's stream (which may not be the one the user acknowledged on) applies it at once.
    /// </summary>
    public string AckSignal => Prefix + "acks:signal";

    /// <summary>A webhook receiver's durable delivery queue: JSON <c>WebhookDelivery</c>s, oldest first, rendered from the outbox.</summary>
    public string WebhookQueue(string receiver) => Prefix + "webhook:" + receiver + ":queue";

    /// <summary>A receiver's delivery attempts, newest first, capped (<c>Alerting:Webhooks:HistoryLimit</c>).</summary>
    public string WebhookHistory(string receiver) => Prefix + "webhook:" + receiver + ":history";

    /// <summary>A receiver's dead letters, newest first, capped (<c>Alerting:Webhooks:DeadLetterLimit</c>).</summary>
    public string WebhookDeadLetters(string receiver) => Prefix + "webhook:" + receiver + ":dead";

    /// <summary>The lease of the replica delivering a receiver's queue.</summary>
    public string WebhookLease(string receiver) => Prefix + "webhook:" + receiver + ":lease";

    /// <summary>Per-alert counter of notifications, the source of <see cref="Notifications.NotificationRecord.Ordinal"/>.</summary>
    public string NotificationOrdinal(string fingerprint) => Prefix + "alert:" + fingerprint + ":notified";

    /// <summary>Any other key of alerting, e.g. <c>Key("lease:" + stream)</c>.</summary>
    public string Key(string name) => Prefix + name;
}
