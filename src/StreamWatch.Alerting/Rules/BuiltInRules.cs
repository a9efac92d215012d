using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Rules;

/// <summary>The rules that apply with no configuration at all, one per <see cref="RuleKind"/>.</summary>
public static class BuiltInRules
{
    /// <summary>Minimum segments in the window before <see cref="RuleKind.SegmentErrorsHigh"/> judges a ratio: 3.</summary>
    public const int MinimumSegments = 3;

    /// <summary>Target duration assumed by <see cref="RuleKind.ProbeSilent"/> before any playlist declared one: 6 s.</summary>
    public static readonly TimeSpan FallbackTargetDuration = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The <c>for</c> of the manifest rules, 10 s: long enough for every CDN's next poll (one per
    /// target duration or less) to show a shared fault, so it is paged once, attributed to the
    /// origin, rather than once per CDN. The condition itself already waited 1.5 target durations.
    /// </summary>
    public static readonly TimeSpan AttributionDelay = TimeSpan.FromSeconds(10);

    /// <summary>The built-in rules, in evaluation order.</summary>
    public static IReadOnlyList<RuleDefinition> All { get; } =
    [
        new()
        {
            Name = nameof(RuleKind.ManifestUnavailable), Kind = RuleKind.ManifestUnavailable, Threshold = 2,
            For = AttributionDelay, ClearFor = TimeSpan.FromSeconds(30), ClearAfterReports = 2, Severity = AlertSeverity.Critical,
            Summary = "{cdn} fails to serve the {rendition} playlist: {value} polls failed in a row",
        },
        new()
        {
            Name = nameof(RuleKind.ManifestStale), Kind = RuleKind.ManifestStale, Threshold = 1.5,
            For = AttributionDelay, ClearFor = TimeSpan.FromSeconds(30), ClearAfterReports = 2, Severity = AlertSeverity.Critical,
            Summary = "{cdn} has served the same {rendition} playlist for {value} s (target duration {td} s)",
        },
        new()
        {
            Name = nameof(RuleKind.SegmentErrorsHigh), Kind = RuleKind.SegmentErrorsHigh, Threshold = 0.1,
            Window = TimeSpan.FromMinutes(1), For = TimeSpan.FromSeconds(30), ClearFor = TimeSpan.FromMinutes(1),
            Severity = AlertSeverity.Critical,
            Summary = "{cdn} failed {percent} % of {rendition} segments in the last {window} s",
        },
        new()
        {
            Name = nameof(RuleKind.SegmentSlow), Kind = RuleKind.SegmentSlow, Threshold = 0.8,
            Window = TimeSpan.FromMinutes(1), For = TimeSpan.FromSeconds(30), ClearFor = TimeSpan.FromMinutes(1),
            Severity = AlertSeverity.Warning,
            Summary = "{cdn} needs {percent} % of real time to deliver {rendition} segments (last {window} s)",
        },
        new()
        {
            Name = nameof(RuleKind.SequenceError), Kind = RuleKind.SequenceError, Threshold = 1,
            ClearFor = TimeSpan.FromMinutes(1), ClearAfterReports = 3, Severity = AlertSeverity.Warning,
            Summary = "{cdn} broke {rendition} playlist continuity ({value} LIVE- errors in the last poll)",
        },
        new()
        {
            Name = nameof(RuleKind.LiveLatencyHigh), Kind = RuleKind.LiveLatencyHigh, Threshold = 30,
            For = TimeSpan.FromSeconds(30), ClearFor = TimeSpan.FromMinutes(1), Severity = AlertSeverity.Warning,
            Summary = "{cdn} {rendition} is {value} s behind live (threshold {threshold} s)",
        },
        new()
        {
            Name = nameof(RuleKind.CdnBehind), Kind = RuleKind.CdnBehind, Threshold = 2,
            For = TimeSpan.FromSeconds(30), ClearFor = TimeSpan.FromMinutes(1), Severity = AlertSeverity.Warning,
            Summary = "{cdn} is {value} segments behind the leading CDN on {rendition}",
        },
        new()
        {
            Name = nameof(RuleKind.StreamDown), Kind = RuleKind.StreamDown, Threshold = 0,
            For = TimeSpan.FromSeconds(10), ClearFor = TimeSpan.FromSeconds(30), Severity = AlertSeverity.Critical,
            Summary = "{stream} is down on every CDN",
        },
        new()
        {
            Name = nameof(RuleKind.ProbeSilent), Kind = RuleKind.ProbeSilent, Threshold = 3,
            Severity = AlertSeverity.Warning,
            Summary = "No probe reports for {stream} on {cdn} for {value} s",
        },
    ];

    /// <summary>The built-in rule named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static RuleDefinition? Find(string? name)
    {
        foreach (var rule in All)
        {
            if (string.Equals(rule.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The built-in rule of <paramref name="kind"/>.</summary>
    public static RuleDefinition Of(RuleKind kind)
    {
        foreach (var rule in All)
        {
            if (rule.Kind == kind)
            {
                return rule;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "No built-in rule of this kind.");
    }
}
