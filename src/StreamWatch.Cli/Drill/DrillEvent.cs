namespace StreamWatch.Cli.Drill;

/// <summary>One line of a drill's timeline.</summary>
/// <param name="Time">When it was observed.</param>
/// <param name="Offset">Time since the fault was injected; null before injection (baseline).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Cdn">The CDN it concerns; null for the Lab's own steps and stream-wide observations.</param>
/// <param name="Rendition">The rendition (media playlist) it concerns, when one.</param>
/// <param name="Detail">What was seen, for people: <c>stale (age 9.1 s &gt; 1.5 × 6 s)</c>.</param>
/// <param name="Targeted">True when it concerns what the fault targets (its CDN, and its rendition when given).</param>
/// <param name="Facts">What the gateway or a webhook said, for the JSON output; null for the probe's and the Lab's lines.</param>
internal sealed record DrillEvent(
    DateTimeOffset Time,
    TimeSpan? Offset,
    DrillEventKind Kind,
    string? Cdn,
    string? Rendition,
    string Detail,
    bool Targeted,
    DrillEventFacts? Facts = null)
{
    /// <summary>Who saw it: <c>lab</c> (the drill's own steps), <c>probe</c> (the drill's playlist watches), <c>gateway</c> or <c>webhook</c>.</summary>
    public string Source => Kind switch
    {
        DrillEventKind.AlertPending or DrillEventKind.AlertFiring or DrillEventKind.AlertResolved
            or DrillEventKind.StatusChanged or DrillEventKind.GatewayBaseline or DrillEventKind.GatewayError => "gateway",
        DrillEventKind.Webhook or DrillEventKind.WebhookRejected or DrillEventKind.WebhookDuplicate => "webhook",
        DrillEventKind.Injected or DrillEventKind.Cleared => "lab",
        _ => Cdn is null ? "lab" : "probe",
    };
}
