namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Where an alert is in its life: inactive → pending → firing → resolved. Pending, firing and
/// resolved map to <c>streamwatch.v1.AlertState</c>; inactive (a pending alert whose condition
/// cleared before <c>for</c>) has no wire value and is never notified.
/// </summary>
public enum AlertLifecycleState
{
    /// <summary>The condition does not hold.</summary>
    Inactive,

    /// <summary>The condition holds, for less than the rule's <c>for</c>.</summary>
    Pending,

    /// <summary>The condition has held for the rule's <c>for</c> and has not been clear for its <c>clearFor</c> since.</summary>
    Firing,

    /// <summary>The alert fired and has been clear for the rule's <c>clearFor</c>.</summary>
    Resolved,
}
