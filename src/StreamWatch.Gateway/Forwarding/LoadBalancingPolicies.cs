namespace StreamWatch.Gateway.Forwarding;

/// <summary>The names of the load-balancing policies, as YARP spells them.</summary>
public static class LoadBalancingPolicies
{
    /// <summary>Each healthy destination in turn.</summary>
    public const string RoundRobin = "RoundRobin";

    /// <summary>The healthy destination with the fewest requests in flight.</summary>
    public const string LeastRequests = "LeastRequests";
}
