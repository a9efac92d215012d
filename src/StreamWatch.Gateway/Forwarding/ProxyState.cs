using Microsoft.Extensions.Options;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>The clusters built once from the validated <see cref="ReverseProxyOptions"/>.</summary>
internal sealed class ProxyState(IOptions<ReverseProxyOptions> options)
{
    private readonly Dictionary<string, ClusterState> _clusters = Build(options.Value);

    public IReadOnlyDictionary<string, ClusterState> Clusters => _clusters;

    private static Dictionary<string, ClusterState> Build(ReverseProxyOptions options)
    {
        var clusters = new Dictionary<string, ClusterState>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, cluster) in options.Clusters)
        {
            clusters[id] = new ClusterState(id, cluster);
        }

        return clusters;
    }
}
