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

    /// <summary>Per-alert counter of notifications, the source of <see cref="Notifications.NotificationRecord.Ordinal"/>.</summary>
    public string NotificationOrdinal(string fingerprint) => Prefix + "alert:" + fingerprint + ":notified";

    /// <summary>Any other key of alerting, e.g. <c>Key("lease:" + stream)</c>.</summary>
    public string Key(string name) => Prefix + name;
}
