namespace StreamWatch.Cli.Drill;

/// <summary>What StreamWatch itself did during a drill: the gateway's alerts and status, and the webhooks received.</summary>
/// <param name="Gateway">The gateway polled; null when not asked.</param>
/// <param name="WebhookReceiver">The receiver's address; null when there was none.</param>
/// <param name="FiringBound">How soon after injection the alert (and its firing webhook) should come.</param>
/// <param name="WaitForResolve">How long after clearing the drill waited for resolution.</param>
/// <param name="AlertPendingAfter">Injection to the first pending alert on the target.</param>
/// <param name="AlertFiringAfter">Injection to the first firing alert on the target.</param>
/// <param name="Alert">That alert.</param>
/// <param name="DegradedAfter">Injection to the stream's status leaving operational.</param>
/// <param name="DegradedState">The state it went to.</param>
/// <param name="AlertResolvedAfterClear">Clearing to the last counted alert going away.</param>
/// <param name="OperationalAfterClear">Clearing to the status being operational again.</param>
/// <param name="WebhookFiringAfter">Injection to the first signed firing delivery for the target.</param>
/// <param name="WebhookAlert">That delivery's alert.</param>
/// <param name="Recommendation">That delivery's recommendation.</param>
/// <param name="WebhookResolvedAfterClear">Clearing to the resolved delivery.</param>
/// <param name="WebhooksReceived">Signed deliveries counted (duplicates excluded).</param>
/// <param name="WebhooksRejected">POSTs refused (signature or body).</param>
/// <param name="WebhookDuplicates">Repeated delivery ids.</param>
internal sealed record AlertingSummary(
    Uri? Gateway,
    Uri? WebhookReceiver,
    DetectionBound FiringBound,
    TimeSpan WaitForResolve,
    TimeSpan? AlertPendingAfter,
    TimeSpan? AlertFiringAfter,
    GatewayAlert? Alert,
    TimeSpan? DegradedAfter,
    string? DegradedState,
    TimeSpan? AlertResolvedAfterClear,
    TimeSpan? OperationalAfterClear,
    TimeSpan? WebhookFiringAfter,
    GatewayAlert? WebhookAlert,
    WebhookRecommendation? Recommendation,
    TimeSpan? WebhookResolvedAfterClear,
    int WebhooksReceived,
    int WebhooksRejected,
    int WebhookDuplicates)
{
    /// <summary>Whether a firing alert for the target was seen; null without a gateway.</summary>
    public bool? AlertFired => Gateway is null ? null : AlertFiringAfter is not null;

    /// <summary>Whether it fired within <see cref="FiringBound"/>; null when it did not fire.</summary>
    public bool? AlertWithinBound => AlertFiringAfter is { } after ? after <= FiringBound.Value : null;

    /// <summary>Whether the fired alert went away after clearing; null without a gateway.</summary>
    public bool? AlertResolved => Gateway is null ? null : AlertResolvedAfterClear is not null;

    /// <summary>Whether the status left operational; null without a gateway.</summary>
    public bool? Degraded => Gateway is null ? null : DegradedAfter is not null;

    /// <summary>Whether the status was operational again after it degraded; null without a gateway or when it never degraded.</summary>
    public bool? Operational => Gateway is null || DegradedAfter is null ? null : OperationalAfterClear is not null;

    /// <summary>Whether a signed firing delivery for the target arrived; null without a receiver.</summary>
    public bool? WebhookFiring => WebhookReceiver is null ? null : WebhookFiringAfter is not null;

    /// <summary>Whether it arrived within <see cref="FiringBound"/>; null when none arrived.</summary>
    public bool? WebhookWithinBound => WebhookFiringAfter is { } after ? after <= FiringBound.Value : null;

    /// <summary>Whether the resolved delivery arrived; null without a receiver.</summary>
    public bool? WebhookResolved => WebhookReceiver is null ? null : WebhookResolvedAfterClear is not null;

    /// <summary>
    /// What the exit code requires: with a gateway, the alert fired and resolved; with a receiver, a signed firing and a
    /// resolved delivery. Timing (the bound) is reported, never required: a shared machine is not a stopwatch.
    /// </summary>
    public bool Satisfied => AlertFired != false && AlertResolved != false && WebhookFiring != false && WebhookResolved != false;

    /// <summary>The <c>alerting</c> line: what was asked.</summary>
    public string Describe()
        => string.Join("; ", new[]
        {
            Gateway is null ? null : $"gateway {Gateway}",
            WebhookReceiver is null ? null : $"webhook receiver {WebhookReceiver}",
        }.Where(s => s is not null));
}
