namespace StreamWatch.Gateway.Forwarding;

/// <summary>One route: which requests it matches and the cluster that serves them.</summary>
public sealed class RouteConfig
{
    /// <summary>The cluster that serves the route; required.</summary>
    public string? ClusterId { get; set; }

    /// <summary>What the route matches.</summary>
    public RouteMatch Match { get; set; } = new();

    /// <summary>
    /// How long the upstream may take to send its response headers before the client gets a 504.
    /// The body that follows (e.g. a server-sent event stream) is not limited. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Routing order among routes that match the same request; lower wins. Defaults to 0.</summary>
    public int Order { get; set; }
}
