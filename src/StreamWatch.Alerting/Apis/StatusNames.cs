using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>The lower-case wire names of states, without allocating.</summary>
internal static class StatusNames
{
    public static string Of(HealthStatus status) => status switch
    {
        HealthStatus.Operational => "operational",
        HealthStatus.Degraded => "degraded",
        HealthStatus.Outage => "outage",
        _ => "unknown",
    };

    public static string Of(AlertLifecycleState state) => state switch
    {
        AlertLifecycleState.Pending => "pending",
        AlertLifecycleState.Firing => "firing",
        AlertLifecycleState.Resolved => "resolved",
        _ => "inactive",
    };

    public static string Of(NotificationSuppression suppression) => suppression switch
    {
        NotificationSuppression.Silenced => "silenced",
        NotificationSuppression.Inhibited => "inhibited",
        _ => "none",
    };
}
