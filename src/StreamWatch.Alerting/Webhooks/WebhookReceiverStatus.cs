namespace StreamWatch.Alerting.Webhooks;

/// <summary>One receiver as <c>GET /api/v1/webhooks</c> shows it (never its secret).</summary>
public sealed record WebhookReceiverStatus
{
    /// <summary>Receiver name.</summary>
    public required string Name { get; init; }

    /// <summary>Where it is sent (scheme, host, port and path; query strings are left out as they may carry tokens).</summary>
    public required string Url { get; init; }

    /// <summary><c>streamwatch</c> or <c>alertmanager</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Events sent.</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>Deliveries waiting in its queue (the one being attempted included).</summary>
    public long Queued { get; init; }

    /// <summary>Dead letters kept.</summary>
    public long DeadLetters { get; init; }

    /// <summary>Circuit breaker: <c>closed</c>, <c>open</c> or <c>half-open</c>.</summary>
    public required string Breaker { get; init; }

    /// <summary>Failed attempts in a row.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>When an open breaker lets the next probe attempt through.</summary>
    public DateTimeOffset? OpenUntil { get; init; }

    /// <summary>Last successful delivery.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Last failed attempt.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>Error of the last failed attempt.</summary>
    public string? LastError { get; init; }
}
