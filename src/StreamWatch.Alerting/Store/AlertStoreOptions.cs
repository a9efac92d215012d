namespace StreamWatch.Alerting.Store;

/// <summary>
/// The Redis store's settings: <c>Alerting:HistoryLimit</c> and the <c>Alerting:Redis</c> section.
/// The connection itself is <c>ConnectionStrings:redis</c> (<c>host:port</c>, required).
/// </summary>
public sealed class AlertStoreOptions
{
    /// <summary>The section the options are bound from: <c>Alerting</c>.</summary>
    public const string SectionName = "Alerting";

    /// <summary>The connection string's name: <c>ConnectionStrings:redis</c>.</summary>
    public const string ConnectionStringName = "redis";

    /// <summary>Transitions kept per stream in the history list; defaults to 500.</summary>
    public int HistoryLimit { get; set; } = 500;

    /// <summary>The Redis settings.</summary>
    public RedisStoreOptions Redis { get; set; } = new();
}

/// <summary>Section <c>Alerting:Redis</c>.</summary>
public sealed class RedisStoreOptions
{
    /// <summary>Prefix of every key; defaults to <c>streamwatch:</c>.</summary>
    public string KeyPrefix { get; set; } = RedisKeyspace.DefaultPrefix;

    /// <summary>
    /// This replica's stable name: its ingest high-water marks are kept under it (so a restarted
    /// replica resumes where it was) and its leases carry it. Defaults to the machine name; give
    /// each replica on one machine its own.
    /// </summary>
    public string? ReplicaId { get; set; }

    /// <summary>How long a stream's lease lasts without renewal (milliseconds precision); defaults to 6 s. A dead replica's streams move after at most this plus <see cref="LeaseRenewInterval"/>.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often leases are renewed and free ones taken; defaults to 2 s (at most a third of <see cref="LeaseDuration"/>).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Writes waiting for Redis (transitions, incidents, silences, high-water marks) before ingest
    /// stops reading from probes (back-pressure; the probes keep the unacked reports); defaults to 10,000.
    /// </summary>
    public int WriteQueueLimit { get; set; } = 10_000;

    /// <summary>Longest wait between retries of a failed write; defaults to 2 s (the first retry waits 100 ms, then doubling).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long stopping waits for queued writes to reach Redis; defaults to 5 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether a replica that stops gives its leases back at once (another takes its streams within
    /// one renew interval) instead of letting them expire; defaults to true.
    /// </summary>
    public bool ReleaseLeasesOnStop { get; set; } = true;
}
