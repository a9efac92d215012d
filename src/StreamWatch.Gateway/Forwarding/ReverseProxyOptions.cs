namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// The forwarder's configuration, shaped like YARP's <c>ReverseProxy</c> section so the real
/// package can replace the stand-in without touching configuration files. Bound from
/// <c>ReverseProxy</c>; with no routes and no clusters configured the gateway forwards
/// <c>/api/v1/{**rest}</c> to the cluster <c>alerting</c> whose destinations are Aspire's
/// <c>services:alerting:http:0..N</c>.
/// </summary>
public sealed class ReverseProxyOptions
{
    /// <summary>The configuration section: <c>ReverseProxy</c>.</summary>
    public const string SectionName = "ReverseProxy";

    /// <summary>Routes by route id.</summary>
    public Dictionary<string, RouteConfig> Routes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Clusters by cluster id.</summary>
    public Dictionary<string, ClusterConfig> Clusters { get; } = new(StringComparer.OrdinalIgnoreCase);
}
