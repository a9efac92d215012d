namespace StreamWatch.Alerting.Lifecycle;

/// <summary>Someone has seen a firing alert and is on it. Cleared when the alert resolves.</summary>
/// <param name="By">Who acknowledged.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Comment">Free text; may be empty.</param>
public sealed record Acknowledgement(string By, DateTimeOffset At, string Comment);
