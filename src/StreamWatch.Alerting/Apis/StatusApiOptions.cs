namespace StreamWatch.Alerting.Apis;

/// <summary>Settings of the status API and its event stream, section <c>StatusApi</c>.</summary>
public sealed class StatusApiOptions
{
    /// <summary>The configuration section: <c>StatusApi</c>.</summary>
    public const string SectionName = "StatusApi";

    /// <summary>
    /// Transitions kept per stream by the in-memory history (used when no Redis history is
    /// registered); the oldest are dropped first. Defaults to 500.
    /// </summary>
    public int HistoryLimit { get; set; } = 500;

    /// <summary>History entries <c>GET /api/v1/streams/{id}</c> returns when <c>?history=</c> is not given; defaults to 50.</summary>
    public int DefaultHistory { get; set; } = 50;

    /// <summary>Frames queued per event-stream client before it is considered too slow and dropped (it reconnects and gets a fresh snapshot). Defaults to 256.</summary>
    public int ClientQueueCapacity { get; set; } = 256;

    /// <summary>Event-stream clients served at once; more get 503 with <c>Retry-After</c>. Defaults to 1,000.</summary>
    public int MaxClients { get; set; } = 1_000;

    /// <summary>How often stream health is re-checked for changes to push (health moves with time as well as with reports); defaults to 1 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Interval of the heartbeat comments that keep idle event streams (and proxies between) open; defaults to 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The reconnection delay sent to clients in the event stream's <c>retry:</c> field; defaults to 2 s.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
