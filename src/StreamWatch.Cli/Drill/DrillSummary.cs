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
internal sealed record DrillSummary(
    DrillPlan Plan,
    string? FaultId,
    DrillEvent? FirstSymptom,
    DetectionBound? Bound,
    bool? Recovered,
    TimeSpan? TimeToRecovery,
    TimeSpan? RecoveryBound,
    bool Interrupted)
{
    /// <summary>Said in every summary until the alerting and gateway services exist: the drill sees only what the probe sees.</summary>
    public const string Alerting = "not configured: only probe-side observations (no alerting service or webhook to ask yet)";

    /// <summary>True when the targeted CDN showed a symptom while the fault was in.</summary>
    public bool Detected => FirstSymptom is not null;

    /// <summary>Whether the first symptom came within <see cref="Bound"/>; null without a bound or a symptom.</summary>
    public bool? WithinBound => FirstSymptom?.Offset is { } offset && Bound is { } bound ? offset <= bound.Value : null;

    /// <summary>The exit code: 0 detected and recovered, 1 not detected or not recovered, 130 interrupted.</summary>
    public int ExitCode => Interrupted ? ExitCodes.Interrupted : Detected && Recovered == true ? ExitCodes.Ok : ExitCodes.ErrorFindings;
}
