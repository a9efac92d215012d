using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Rules;

/// <summary>
/// One item of the <c>rules:</c> section: overrides the built-in rule of the same <see cref="Name"/>,
/// or adds a rule of <see cref="Kind"/>. Unset properties keep the built-in values. Durations use
/// the <c>[d.]hh:mm:ss[.fff]</c> format, e.g. <c>00:00:30</c>.
/// </summary>
public sealed class RuleSettings
{
    /// <summary>Rule name, e.g. <c>ManifestStale</c>; required; compared case-insensitively.</summary>
    public string? Name { get; set; }

    /// <summary>The condition of a rule that is not built in; must match the built-in kind when set on one.</summary>
    public RuleKind? Kind { get; set; }

    /// <summary>Whether the rule is evaluated; built-in rules default to true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The condition's threshold, in the unit of its <see cref="RuleKind"/>.</summary>
    public double? Threshold { get; set; }

    /// <summary>The sliding window of ratio and mean conditions.</summary>
    public TimeSpan? Window { get; set; }

    /// <summary>How long the condition must hold before a pending alert fires; zero fires at once.</summary>
    public TimeSpan? For { get; set; }

    /// <summary>How long the condition must stay clear before a firing alert resolves.</summary>
    public TimeSpan? ClearFor { get; set; }

    /// <summary>How many good evaluations in a row, besides <see cref="ClearFor"/>, a firing alert needs to resolve; at least 1.</summary>
    public int? ClearAfterReports { get; set; }

    /// <summary>Severity: <c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public AlertSeverity? Severity { get; set; }

    /// <summary>Extra labels for the rule's alerts, e.g. <c>team: video</c>; may not redefine identity labels.</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>Summary template; see <see cref="SummaryTemplate"/> for placeholders.</summary>
    public string? Summary { get; set; }
}
