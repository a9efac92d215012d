namespace StreamWatch.Alerting.Lifecycle;

/// <summary>Why a transition to firing or resolved must not be notified (webhooks, pages).</summary>
public enum NotificationSuppression
{
    /// <summary>Not suppressed: notify transitions to firing and resolved.</summary>
    None,

    /// <summary>An active silence matched the alert when it fired.</summary>
    Silenced,

    /// <summary>
    /// The same fault shows on every CDN of the stream; the stream-level alert attributed to the
    /// origin or encoder is notified instead.
    /// </summary>
    Inhibited,
}
