using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Rules;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Evaluates probe reports against the rules, keeps every alert's lifecycle and the health of
/// every stream, and tells <see cref="IAlertEventSink"/>s about changes. Thread-safe. Times are
/// the engine's <see cref="TimeProvider"/> at ingestion.
/// </summary>
public interface IAlertEngine
{
    /// <summary>The rules in force: built-in rules with the configuration applied.</summary>
    IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>Evaluates one report. Reports without a stream id or CDN are ignored.</summary>
    void Ingest(ProbeReport report);

    /// <summary>
    /// Re-evaluates time-driven conditions with no new report: <c>ProbeSilent</c>, stream health,
    /// <c>for</c> and <c>clearFor</c>. Called every <c>Alerting:EvaluationInterval</c>.
    /// </summary>
    void Evaluate();

    /// <summary>Every pending, firing and resolved alert.</summary>
    IReadOnlyList<Alert> GetAlerts();

    /// <summary>The alert with <paramref name="fingerprint"/>, or null.</summary>
    Alert? GetAlert(string fingerprint);

    /// <summary>The health of every stream reported on.</summary>
    IReadOnlyList<StreamHealth> GetHealth();

    /// <summary>Marks a pending or firing alert acknowledged; false when there is no such alert.</summary>
    bool Acknowledge(string fingerprint, string by, string? comment = null);

    /// <summary>Adds a silence; throws <see cref="ArgumentException"/> when it has no matcher, no author or ends before it starts.</summary>
    Silence AddSilence(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string? comment = null);

    /// <summary>Removes a silence; false when there is none with <paramref name="id"/>.</summary>
    bool RemoveSilence(string id);

    /// <summary>The silences not yet expired.</summary>
    IReadOnlyList<Silence> GetSilences();
}
