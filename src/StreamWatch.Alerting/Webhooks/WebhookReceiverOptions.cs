namespace StreamWatch.Alerting.Webhooks;

/// <summary>One item of the <c>webhooks:</c> list of the configuration file: a receiver of alert notifications.</summary>
public sealed class WebhookReceiverOptions
{
    /// <summary>Unique name, <c>[a-z0-9-]</c>; part of delivery ids, metric labels and API routes. Required.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Absolute http or https URL the notifications are POSTed to. Required.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Key of the HMAC-SHA256 signature (<c>X-StreamWatch-Signature</c>). Required.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary><c>streamwatch</c> (default, the CONTRACTS.md payload) or <c>alertmanager</c> (Alertmanager's webhook v4 body).</summary>
    public string Format { get; set; } = WebhookFormats.StreamWatch;

    /// <summary>Events to send: <c>firing</c>, <c>resolved</c>; empty (the default) means both.</summary>
    public IList<string> Events { get; } = [];

    /// <summary>Time allowed for one POST, connect to response headers; defaults to 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after its transition a notification is retried before it goes to the dead-letter list; defaults to 24 h.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Base of the exponential backoff between retries (full jitter: a random wait up to base × 2^attempt); defaults to 1 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff wait; defaults to 5 min. A longer <c>Retry-After</c> is honoured.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive failed attempts that open the receiver's circuit breaker; defaults to 5.</summary>
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker waits before one half-open probe attempt; defaults to 30 s.</summary>
    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Base URL of StreamWatch as receivers should link to it (Alertmanager's <c>externalURL</c> and <c>generatorURL</c>); optional.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>Whether <paramref name="webhookEvent"/> (<c>firing</c> or <c>resolved</c>) is sent to this receiver.</summary>
    public bool Subscribes(string webhookEvent)
    {
        if (Events.Count == 0)
        {
            return true;
        }

        foreach (var subscribed in Events)
        {
            if (string.Equals(subscribed, webhookEvent, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
