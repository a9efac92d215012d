namespace StreamWatch.Gateway.Forwarding;

/// <summary>A set of interchangeable destinations and how requests are spread over them.</summary>
public sealed class ClusterConfig
{
    /// <summary><c>RoundRobin</c> (the default) or <c>LeastRequests</c>.</summary>
    public string LoadBalancingPolicy { get; set; } = LoadBalancingPolicies.RoundRobin;

    /// <summary>Destinations by name. A cluster without any answers 503 (as YARP does).</summary>
    public Dictionary<string, DestinationConfig> Destinations { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Active and passive health checking.</summary>
    public HealthCheckConfig HealthCheck { get; set; } = new();
}
