using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>Conversions between <see cref="AlertLifecycleState"/> and the wire contract.</summary>
public static class AlertLifecycleStateExtensions
{
    /// <summary>The <c>streamwatch.v1.AlertState</c> of <paramref name="state"/>; inactive has none and maps to unspecified.</summary>
    public static AlertState ToContract(this AlertLifecycleState state) => state switch
    {
        AlertLifecycleState.Pending => AlertState.Pending,
        AlertLifecycleState.Firing => AlertState.Firing,
        AlertLifecycleState.Resolved => AlertState.Resolved,
        _ => AlertState.Unspecified,
    };
}
