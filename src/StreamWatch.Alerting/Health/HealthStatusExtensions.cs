using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Health;

/// <summary>Conversions between <see cref="HealthStatus"/> and the wire contract.</summary>
public static class HealthStatusExtensions
{
    /// <summary>The <c>streamwatch.v1.StreamState</c> of <paramref name="status"/>.</summary>
    public static StreamState ToContract(this HealthStatus status) => status switch
    {
        HealthStatus.Operational => StreamState.Operational,
        HealthStatus.Degraded => StreamState.Degraded,
        HealthStatus.Outage => StreamState.Outage,
        _ => StreamState.Unknown,
    };
}
