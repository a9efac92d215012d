using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// The zero-configuration forwarding: with no <c>ReverseProxy</c> routes or clusters configured,
/// <c>/api/v1/{**rest}</c> goes to the cluster <c>alerting</c>, whose destinations are Aspire's
/// service addresses <c>services:alerting:http:0..N</c> (env <c>services__alerting__http__0</c>),
/// probed on <c>/health</c> every 5 seconds.
/// </summary>
internal sealed class GatewayDefaults(IConfiguration configuration) : IPostConfigureOptions<ReverseProxyOptions>
{
    public const string AlertingCluster = "alerting";
    public const string ApiRoute = "api";
    public const string ApiPattern = "/api/v1/{**rest}";

    public void PostConfigure(string? name, ReverseProxyOptions options)
    {
        if (options.Routes.Count > 0 || options.Clusters.Count > 0)
        {
            return;
        }

        var cluster = new ClusterConfig();
        cluster.HealthCheck.Active.Enabled = true;
        foreach (var address in ServiceAddresses(configuration, AlertingCluster))
        {
            cluster.Destinations[$"{AlertingCluster}-{cluster.Destinations.Count}"] = new DestinationConfig { Address = address };
        }

        options.Clusters[AlertingCluster] = cluster;
        options.Routes[ApiRoute] = new RouteConfig { ClusterId = AlertingCluster, Match = new RouteMatch { Path = ApiPattern } };
    }

    /// <summary>Aspire's addresses of a service's HTTP endpoint: <c>services:{name}:http:0</c>, <c>:1</c>, …, in order.</summary>
    public static List<string> ServiceAddresses(IConfiguration configuration, string service)
    {
        var result = new List<string>();
        for (var i = 0; ; i++)
        {
            var address = configuration[$"services:{service}:http:{i}"];
            if (string.IsNullOrWhiteSpace(address))
            {
                return result;
            }

            result.Add(address.TrimEnd('/'));
        }
    }
}
