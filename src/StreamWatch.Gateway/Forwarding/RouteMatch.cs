namespace StreamWatch.Gateway.Forwarding;

/// <summary>What a route matches.</summary>
public sealed class RouteMatch
{
    /// <summary>An ASP.NET Core route pattern such as <c>/api/v1/{**rest}</c>; required.</summary>
    public string? Path { get; set; }

    /// <summary>HTTP methods the route accepts; empty (the default) accepts every method.</summary>
    public IList<string> Methods { get; } = [];
}
