namespace StreamWatch.Alerting.Webhooks;

/// <summary>One delivery attempt as the history keeps it (<c>GET /api/v1/webhooks/{name}/deliveries</c>).</summary>
public sealed record WebhookAttempt
{
    /// <summary>Delivery id.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>Alert fingerprint.</summary>
    public required string Fingerprint { get; init; }

    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public required string Event { get; init; }

    /// <summary>Attempt number of this delivery, 1, 2, ... (counted since the dispatcher started).</summary>
    public required int Attempt { get; init; }

    /// <summary>When the attempt ended.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><c>success</c>, <c>retry</c>, <c>failed</c> (rejected, not retried) or <c>dead_letter</c> (retried up to maxAge).</summary>
    public required string Result { get; init; }

    /// <summary>HTTP status; 0 when no response arrived.</summary>
    public int Status { get; init; }

    /// <summary>Why it failed; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Duration of the POST, in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Transition to this attempt's end, in seconds (detection-to-sent on success).</summary>
    public double AgeSeconds { get; init; }
}
