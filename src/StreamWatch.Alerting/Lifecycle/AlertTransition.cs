namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// One change of an alert's lifecycle state, or (<see cref="From"/> and <see cref="To"/> both
/// firing) the announcement of a firing alert whose notification was suppressed and no longer is.
/// </summary>
/// <param name="From">State before.</param>
/// <param name="To">State after.</param>
/// <param name="At">When (engine clock, UTC).</param>
/// <param name="Alert">The alert after the change.</param>
/// <param name="Suppression">Why not to notify; <see cref="NotificationSuppression.None"/> otherwise.</param>
public sealed record AlertTransition(AlertLifecycleState From, AlertLifecycleState To, DateTimeOffset At, Alert Alert, NotificationSuppression Suppression)
{
    /// <summary>
    /// Whether receivers (webhooks, pagers) should be told: a transition to firing or resolved that is
    /// not suppressed. A resolution is notified exactly when its firing was, so receivers never see
    /// one without the other.
    /// </summary>
    public bool Notify => Suppression == NotificationSuppression.None && To is AlertLifecycleState.Firing or AlertLifecycleState.Resolved;
}
