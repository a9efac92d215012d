using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>The engine's state for one stream on one CDN.</summary>
internal sealed class SourceNode(StreamNode stream, string cdn, int ruleCount)
{
    public StreamNode Stream { get; } = stream;

    public string Cdn { get; } = cdn;

    /// <summary>True for the stream's origin source (<see cref="StreamNode.Origin"/>): it raises no alerts of its own.</summary>
    public bool IsOrigin { get; init; }

    public List<RenditionNode> Renditions { get; } = [];

    /// <summary>Source-scope alerts (<c>ProbeSilent</c>), by rule index.</summary>
    public AlertTracker?[] Trackers { get; } = new AlertTracker?[ruleCount];

    public DateTimeOffset LastReportAt { get; set; }

    /// <summary>The longest target duration of its renditions, or zero before any playlist declared one.</summary>
    public TimeSpan TargetDuration
    {
        get
        {
            var longest = TimeSpan.Zero;
            foreach (var rendition in Renditions)
            {
                if (rendition.Stats.TargetDuration > longest)
                {
                    longest = rendition.Stats.TargetDuration;
                }
            }

            return longest;
        }
    }

    public RenditionNode GetOrAddRendition(string id, int ruleCount)
    {
        foreach (var rendition in Renditions)
        {
            if (string.Equals(rendition.Id, id, StringComparison.Ordinal))
            {
                return rendition;
            }
        }

        var added = new RenditionNode(this, id, ruleCount);
        Renditions.Add(added);
        return added;
    }

    /// <summary>
    /// Status and score: unknown when no rendition has recent data; else the score is the worst rendition's
    /// (failover ranks a CDN by its weakest rendition) and the status is outage only when every rendition
    /// with data is in outage. One frozen rendition of five leaves viewers on that CDN able to play (the
    /// player switches down), so the CDN is degraded, not "cannot play".
    /// </summary>
    public HealthStatus Status(DateTimeOffset now, TimeSpan window, out double score)
    {
        var known = false;
        var everyOutage = true;
        score = 1;
        foreach (var rendition in Renditions)
        {
            var status = rendition.Stats.Status(now, window, out var renditionScore);
            if (status == HealthStatus.Unknown)
            {
                continue;
            }

            known = true;
            everyOutage &= status == HealthStatus.Outage;
            score = Math.Min(score, renditionScore);
        }

        if (!known)
        {
            score = 0;
            return HealthStatus.Unknown;
        }

        var worst = HealthScore.Classify(score);
        return worst == HealthStatus.Outage && !everyOutage ? HealthStatus.Degraded : worst;
    }
}
