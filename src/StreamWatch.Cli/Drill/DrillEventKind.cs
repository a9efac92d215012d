namespace StreamWatch.Cli.Drill;

/// <summary>What a drill timeline line records.</summary>
internal enum DrillEventKind
{
    /// <summary>The watched stream was healthy before the fault (no offset: before injection).</summary>
    Baseline,

    /// <summary>The Lab accepted the fault.</summary>
    Injected,

    /// <summary>StreamWatch observed something wrong: stale, fetch failure, a LIVE finding, lag behind the other CDN.</summary>
    Symptom,

    /// <summary>The fault was deleted from the Lab.</summary>
    Cleared,

    /// <summary>A playlist that showed a symptom is healthy again after the fault was cleared.</summary>
    Recovered,

    /// <summary>What the gateway said before injection: the stream's state and the alerts already active for it.</summary>
    GatewayBaseline,

    /// <summary>An alert for the drilled stream appeared on the gateway as pending.</summary>
    AlertPending,

    /// <summary>An alert for the drilled stream is firing on the gateway.</summary>
    AlertFiring,

    /// <summary>An alert seen pending or firing is no longer active (resolved, or pending that never fired).</summary>
    AlertResolved,

    /// <summary>The stream's (or one of its CDNs') state on <c>GET /api/v1/status</c> changed.</summary>
    StatusChanged,

    /// <summary>The gateway could not be polled (network, HTTP status, not the expected JSON); once per distinct reason.</summary>
    GatewayError,

    /// <summary>A webhook delivery with a valid signature arrived at the drill's receiver.</summary>
    Webhook,

    /// <summary>A POST to the receiver was refused: no, malformed, wrong or expired signature, or a body that is not the payload.</summary>
    WebhookRejected,

    /// <summary>A delivery id already received arrived again (a retry); acknowledged, not counted twice.</summary>
    WebhookDuplicate,
}
