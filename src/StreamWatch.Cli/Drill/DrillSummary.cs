namespace StreamWatch.Cli.Drill;

/// <summary>A drill's verdict.</summary>
/// <param name="Plan">What was drilled.</param>
/// <param name="FaultId">The Lab's id of the fault; null when it was never created.</param>
/// <param name="FirstSymptom">The first symptom on the targeted CDN (and rendition) while the fault was in; null: not detected.</param>
/// <param name="Bound">How soon it should have been seen; null for kinds with no playlist-level bound.</param>
/// <param name="Recovered">True: every playlist that showed a symptom was healthy again after clearing; false: not within
/// <paramref name="RecoveryBound"/>; null: nothing to recover from (no symptom) or the drill was interrupted first.</param>
/// <param name="TimeToRecovery">From clearing the fault to the last recovery, when recovered.</param>
/// <param name="RecoveryBound">How long the drill watched for recovery after clearing.</param>
/// <param name="Interrupted">Ctrl+C ended the drill early (the fault was still deleted).</param>
/// <param name="Alerting">What the gateway and the webhook receiver saw; null when neither was asked.</param>
internal sealed record DrillSummary(
    DrillPlan Plan,
    string? FaultId,
    DrillEvent? FirstSymptom,
    DetectionBound? Bound,
    bool? Recovered,
    TimeSpan? TimeToRecovery,
    TimeSpan? RecoveryBound,
    bool Interrupted,
    AlertingSummary? Alerting = null)
{
    /// <summary>Said when neither <c>--gateway</c> nor <c>--webhook-listen</c> was given: the drill sees only what its own watches see.</summary>
    public const string NotConfigured = "not configured: only probe-side observations (give --gateway and/or --webhook-listen to see StreamWatch's alerts and webhooks)";

    /// <summary>True when the targeted CDN showed a symptom while the fault was in.</summary>
    public bool Detected => FirstSymptom is not null;

    /// <summary>Whether the first symptom came within <see cref="Bound"/>; null without a bound or a symptom.</summary>
    public bool? WithinBound => FirstSymptom?.Offset is { } offset && Bound is { } bound ? offset <= bound.Value : null;

    /// <summary>
    /// The exit code: 0 detected and recovered (and, with a gateway or a webhook receiver, the alert fired and resolved
    /// there), 1 otherwise, 130 interrupted.
    /// </summary>
    public int ExitCode => Interrupted ? ExitCodes.Interrupted
        : Detected && Recovered == true && Alerting?.Satisfied != false ? ExitCodes.Ok : ExitCodes.ErrorFindings;

    /// <summary>The <c>alerting</c> line: <see cref="NotConfigured"/>, or what was asked.</summary>
    public string AlertingLine => Alerting?.Describe() ?? NotConfigured;
}
