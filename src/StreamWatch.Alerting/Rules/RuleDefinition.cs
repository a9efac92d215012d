using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Rules;

/// <summary>A rule as the engine evaluates it: a built-in rule with the configuration applied.</summary>
public sealed record RuleDefinition
{
    /// <summary>Rule name, the <c>rule</c> label of its alerts.</summary>
    public required string Name { get; init; }

    /// <summary>The condition evaluated.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>Whether the rule is evaluated.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Threshold, in the unit documented on <see cref="RuleKind"/>.</summary>
    public required double Threshold { get; init; }

    /// <summary>Sliding window of ratio and mean conditions.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Pending time before firing.</summary>
    public TimeSpan For { get; init; }

    /// <summary>Clear time before resolving.</summary>
    public TimeSpan ClearFor { get; init; }

    /// <summary>Good evaluations in a row needed, besides <see cref="ClearFor"/>, to resolve.</summary>
    public int ClearAfterReports { get; init; } = 1;

    /// <summary>Severity of the rule's alerts.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>Extra labels of the rule's alerts.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Summary template.</summary>
    public required string Summary { get; init; }

    /// <summary>What one alert of this rule is about.</summary>
    public RuleScope Scope => Kind switch
    {
        RuleKind.StreamDown => RuleScope.Stream,
        RuleKind.ProbeSilent => RuleScope.Source,
        _ => RuleScope.Rendition,
    };

    /// <summary>
    /// Whether the same fault on every CDN of a stream is attributed to the origin or encoder: one
    /// stream-level alert is raised and the per-CDN alerts are inhibited. Not for conditions that
    /// compare CDNs with each other or that a CDN alone causes (<c>CdnBehind</c>, <c>SegmentSlow</c>).
    /// </summary>
    public bool Attributable => Kind is RuleKind.ManifestUnavailable or RuleKind.ManifestStale
        or RuleKind.SegmentErrorsHigh or RuleKind.SequenceError or RuleKind.LiveLatencyHigh;

    /// <summary>Whether the condition is refreshed by manifest polls (else by segment downloads, or by time).</summary>
    internal bool FedByManifests => Kind is RuleKind.ManifestUnavailable or RuleKind.ManifestStale
        or RuleKind.SequenceError or RuleKind.LiveLatencyHigh or RuleKind.CdnBehind;

    /// <summary>Whether the condition is refreshed by segment downloads.</summary>
    internal bool FedBySegments => Kind is RuleKind.SegmentErrorsHigh or RuleKind.SegmentSlow;
}
