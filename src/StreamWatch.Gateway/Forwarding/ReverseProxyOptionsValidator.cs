using Microsoft.AspNetCore.Routing.Patterns;
using StreamWatch.ServiceDefaults.Configuration;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>Checks the <c>ReverseProxy</c> section at start, naming every key at fault.</summary>
internal sealed class ReverseProxyOptionsValidator() : SettingsValidator<ReverseProxyOptions>(ReverseProxyOptions.SectionName)
{
    protected override void Validate(ReverseProxyOptions options, SettingErrors errors)
    {
        foreach (var (id, route) in options.Routes)
        {
            var key = $"Routes:{id}";
            if (string.IsNullOrWhiteSpace(route.ClusterId))
            {
                errors.Required($"{key}:ClusterId", route.ClusterId);
            }
            else if (!options.Clusters.ContainsKey(route.ClusterId))
            {
                errors.Add($"{key}:ClusterId", "names no cluster under ReverseProxy:Clusters", route.ClusterId);
            }

            if (string.IsNullOrWhiteSpace(route.Match.Path) || !route.Match.Path.StartsWith('/'))
            {
                errors.Add($"{key}:Match:Path", "must be a route pattern starting with '/'", route.Match.Path);
            }
            else
            {
                try
                {
                    RoutePatternFactory.Parse(route.Match.Path);
                }
                catch (RoutePatternException ex)
                {
                    errors.Add($"{key}:Match:Path", $"is not a valid route pattern: {ex.Message}", route.Match.Path);
                }
            }

            for (var i = 0; i < route.Match.Methods.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(route.Match.Methods[i]))
                {
                    errors.Add($"{key}:Match:Methods:{i}", "must be an HTTP method", route.Match.Methods[i]);
                }
            }

            errors.Positive($"{key}:Timeout", route.Timeout);
        }

        foreach (var (id, cluster) in options.Clusters)
        {
            var key = $"Clusters:{id}";
            if (cluster.LoadBalancingPolicy is not (LoadBalancingPolicies.RoundRobin or LoadBalancingPolicies.LeastRequests))
            {
                errors.Add($"{key}:LoadBalancingPolicy", $"must be {LoadBalancingPolicies.RoundRobin} or {LoadBalancingPolicies.LeastRequests}", cluster.LoadBalancingPolicy);
            }

            foreach (var (name, destination) in cluster.Destinations)
            {
                errors.HttpUrl($"{key}:Destinations:{name}:Address", destination.Address);
            }

            var active = cluster.HealthCheck.Active;
            errors.Positive($"{key}:HealthCheck:Active:Interval", active.Interval);
            errors.Positive($"{key}:HealthCheck:Active:Timeout", active.Timeout);
            if (string.IsNullOrWhiteSpace(active.Path) || !active.Path.StartsWith('/'))
            {
                errors.Add($"{key}:HealthCheck:Active:Path", "must start with '/'", active.Path);
            }

            var passive = cluster.HealthCheck.Passive;
            errors.AtLeast($"{key}:HealthCheck:Passive:FailureThreshold", passive.FailureThreshold, 1);
            errors.Positive($"{key}:HealthCheck:Passive:ReactivationPeriod", passive.ReactivationPeriod);
        }
    }
}
