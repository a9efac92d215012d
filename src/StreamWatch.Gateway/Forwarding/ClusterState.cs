namespace StreamWatch.Gateway.Forwarding;

/// <summary>One cluster's destinations and the choice among them.</summary>
internal sealed class ClusterState
{
    private readonly bool _leastRequests;
    private uint _next;

    public ClusterState(string id, ClusterConfig config)
    {
        Id = id;
        Config = config;
        _leastRequests = string.Equals(config.LoadBalancingPolicy, LoadBalancingPolicies.LeastRequests, StringComparison.Ordinal);
        var destinations = new DestinationState[config.Destinations.Count];
        var i = 0;
        foreach (var (name, destination) in config.Destinations)
        {
            destinations[i++] = new DestinationState(name, new Uri(destination.Address!, UriKind.Absolute));
        }

        Destinations = destinations;
    }

    public string Id { get; }

    public ClusterConfig Config { get; }

    public IReadOnlyList<DestinationState> Destinations { get; }

    /// <summary>A healthy destination by the cluster's policy, or null when every one is ejected.</summary>
    public DestinationState? Pick(long nowTicks)
    {
        var all = (DestinationState[])Destinations;
        if (all.Length == 0)
        {
            return null;
        }

        if (_leastRequests)
        {
            DestinationState? best = null;
            foreach (var d in all)
            {
                if (d.IsAvailable(nowTicks) && (best is null || d.ConcurrentRequests < best.ConcurrentRequests))
                {
                    best = d;
                }
            }

            return best;
        }

        // Round robin over the available ones: start at the next slot and take the first available,
        // so an ejected destination's turn passes to its neighbour without allocating a filtered list.
        var start = (int)(Interlocked.Increment(ref _next) % (uint)all.Length);
        for (var i = 0; i < all.Length; i++)
        {
            var d = all[(start + i) % all.Length];
            if (d.IsAvailable(nowTicks))
            {
                return d;
            }
        }

        return null;
    }
}
