using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.Infrastructure;

/// <summary>Configuration dictionaries for the gateway under test.</summary>
public static class Settings
{
    /// <summary>A <c>ReverseProxy</c> section: route <c>/api/v1/{**rest}</c> to cluster <c>c</c> with the given destinations.</summary>
    public static Dictionary<string, string?> Proxy(params string[] destinations)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ReverseProxy:Routes:api:ClusterId"] = "c",
            ["ReverseProxy:Routes:api:Match:Path"] = "/api/v1/{**rest}",
            ["ReverseProxy:Clusters:c:LoadBalancingPolicy"] = "RoundRobin",
        };
        for (var i = 0; i < destinations.Length; i++)
        {
            settings[$"ReverseProxy:Clusters:c:Destinations:d{i}:Address"] = destinations[i];
        }

        return settings;
    }

    /// <summary>An address where nothing listens.</summary>
    public static string Nowhere() => $"http://127.0.0.1:{FreePort.Next()}";

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string? value)
    {
        settings[key] = value;
        return settings;
    }
}
