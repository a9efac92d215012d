namespace StreamWatch.Alerting.Rules;

/// <summary>Engine-wide settings, section <c>Alerting</c>.</summary>
public sealed class AlertingOptions
{
    /// <summary>The configuration section: <c>Alerting</c>.</summary>
    public const string SectionName = "Alerting";

    /// <summary>How often time-driven conditions (<c>ProbeSilent</c>, <c>for</c>, <c>clearFor</c>) are re-evaluated without new reports; defaults to 1 s.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The window health scores are computed over; a source without a report for this long is unknown. Defaults to 60 s.</summary>
    public TimeSpan HealthWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Flap damping: an alert that fires again within this time of resolving is marked flapping and
    /// then resolves only after being clear for this long (instead of its rule's <c>clearFor</c>).
    /// Defaults to 10 min; zero disables damping.
    /// </summary>
    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromMinutes(10);
}
