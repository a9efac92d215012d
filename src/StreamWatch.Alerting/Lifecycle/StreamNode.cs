using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>The engine's state for one stream: its sources, stream-level alerts and incident.</summary>
internal sealed class StreamNode(string id, int ruleCount)
{
    public string Id { get; } = id;

    /// <summary>The stream's CDNs. The origin source is not one of them (<see cref="Origin"/>).</summary>
    public List<SourceNode> Sources { get; } = [];

    /// <summary>
    /// The polled origin source (reports with <c>StreamRef.origin</c>), once one reported: evidence for attribution
    /// only, so it is not in <see cref="Sources"/> (the stream's state, CDN states, failover candidates, "every CDN").
    /// </summary>
    public SourceNode? Origin { get; private set; }

    /// <summary>What the origin showed for each rule at its last attribution, by rule index.</summary>
    public OriginState[] OriginStates { get; } = new OriginState[ruleCount];

    /// <summary>Stream-scope alerts (<c>StreamDown</c>), by rule index.</summary>
    public AlertTracker?[] Trackers { get; } = new AlertTracker?[ruleCount];

    /// <summary>Alerts attributed to the origin, by the index of the rule every CDN shows.</summary>
    public AlertTracker?[] OriginTrackers { get; } = new AlertTracker?[ruleCount];

    public HealthStatus Status { get; set; } = HealthStatus.Unknown;

    public Incident? OpenIncident { get; set; }

    /// <summary>Firing alerts of this stream; the incident closes when it drops to zero.</summary>
    public int Firing { get; set; }

    /// <summary>The origin source, created on its first report.</summary>
    public SourceNode GetOrAddOrigin(string name, int ruleCount) => Origin ??= new SourceNode(this, name, ruleCount) { IsOrigin = true };

    public SourceNode GetOrAddSource(string cdn, int ruleCount)
    {
        foreach (var source in Sources)
        {
            if (string.Equals(source.Cdn, cdn, StringComparison.Ordinal))
            {
                return source;
            }
        }

        var added = new SourceNode(this, cdn, ruleCount);
        Sources.Add(added);
        return added;
    }
}
