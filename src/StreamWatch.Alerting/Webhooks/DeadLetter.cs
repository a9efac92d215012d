namespace StreamWatch.Alerting.Webhooks;

/// <summary>A delivery given up on, kept in <see cref="Store.RedisKeyspace.WebhookDeadLetters"/> with the reason.</summary>
public sealed record DeadLetter
{
    /// <summary>The delivery, body included, so it can be replayed by hand.</summary>
    public required WebhookDelivery Delivery { get; init; }

    /// <summary>When it was given up on.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><c>failed</c> (the receiver rejected it) or <c>dead_letter</c> (still failing at maxAge).</summary>
    public required string Result { get; init; }

    /// <summary>The last error.</summary>
    public required string Reason { get; init; }

    /// <summary>Attempts made.</summary>
    public required int Attempts { get; init; }
}
