namespace StreamWatch.Gateway.Forwarding;

/// <summary>How a cluster learns which destinations to avoid.</summary>
public sealed class HealthCheckConfig
{
    /// <summary>Periodic probes of every destination.</summary>
    public ActiveHealthCheckConfig Active { get; set; } = new();

    /// <summary>Ejection of destinations whose proxied requests fail.</summary>
    public PassiveHealthCheckConfig Passive { get; set; } = new();
}
