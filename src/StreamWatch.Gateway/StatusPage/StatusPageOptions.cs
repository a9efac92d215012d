namespace StreamWatch.Gateway.StatusPage;

/// <summary>
/// Settings of the producers' status page, section <c>StatusPage</c>. The alerting service's
/// address comes from <c>services:alerting:http:0</c> (env <c>services__alerting__http__0</c>).
/// </summary>
public sealed class StatusPageOptions
{
    /// <summary>The configuration section: <c>StatusPage</c>.</summary>
    public const string SectionName = "StatusPage";

    /// <summary>The configuration key of alerting's HTTP address (Aspire's name).</summary>
    public const string AlertingAddressKey = "services:alerting:http:0";

    /// <summary>First delay before reconnecting the upstream event stream after it fails; doubles per failure (with jitter). Defaults to 0.5 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between upstream reconnection attempts; defaults to 15 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The upstream stream is considered dead (and reconnected) after this long without a byte; alerting sends a heartbeat every 15 s. Defaults to 45 s.</summary>
    public TimeSpan UpstreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Frames queued per browser before it is considered too slow and dropped (its EventSource reconnects). Defaults to 256.</summary>
    public int ClientQueueCapacity { get; set; } = 256;

    /// <summary>Browsers served live updates at once; more get 503 with <c>Retry-After</c>. Defaults to 5,000.</summary>
    public int MaxClients { get; set; } = 5_000;

    /// <summary>Heartbeat comment interval to browsers; defaults to 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Reconnection delay sent to browsers in the <c>retry:</c> field; defaults to 2 s.</summary>
    public TimeSpan ClientRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each stream's alert history (for the 24-hour bar) is re-read from alerting; defaults to 5 min (live alert events keep it current between).</summary>
    public TimeSpan HistoryRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>History entries read per stream for the 24-hour bar; defaults to 500.</summary>
    public int HistoryEntries { get; set; } = 500;

    /// <summary>How long the first page view after start waits for the first upstream snapshot before rendering without it; defaults to 2 s.</summary>
    public TimeSpan FirstPaintWait { get; set; } = TimeSpan.FromSeconds(2);
}
