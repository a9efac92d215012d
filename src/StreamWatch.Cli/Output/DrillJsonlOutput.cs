using StreamWatch.Cli.Drill;

namespace StreamWatch.Cli.Output;

/// <summary>Writes <c>drill --format jsonl</c>: one <c>drill-event</c> object per timeline line, then one <c>drill-summary</c>.</summary>
internal sealed class DrillJsonlOutput(TextWriter writer) : IDrillOutput
{
    private readonly Lock _gate = new();

    // The plan is repeated in the summary; the lines are events and the summary only, so scripts handle two types.
    public void Started(DrillPlan plan)
    {
    }

    public void Event(DrillEvent drillEvent)
    {
        ArgumentNullException.ThrowIfNull(drillEvent);
        var line = new DrillEventJson(
            "drill-event",
            drillEvent.Time,
            drillEvent.Offset?.TotalSeconds,
            EventName(drillEvent.Kind),
            drillEvent.Source,
            drillEvent.Cdn,
            drillEvent.Rendition,
            drillEvent.Targeted,
            drillEvent.Detail);
        if (drillEvent.Facts is { } facts)
        {
            line = line with
            {
                Rule = facts.Rule,
                Fingerprint = facts.Fingerprint,
                State = facts.State,
                PreviousState = facts.PreviousState,
                WebhookEvent = facts.WebhookEvent,
                DeliveryId = facts.DeliveryId,
                SignatureVerified = facts.SignatureVerified,
                Recommendation = Json(facts.Recommendation),
            };
        }

        Write(() => JsonOutput.WriteLine(writer, line, CliJsonContext.Default.DrillEventJson, indented: false));
    }

    public void Summary(DrillSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var plan = summary.Plan;
        var first = summary.FirstSymptom;
        var alerting = summary.Alerting;
        var gateway = alerting?.Gateway is not null;
        var webhooks = alerting?.WebhookReceiver is not null;
        var line = new DrillSummaryJson(
            "drill-summary",
            plan.Kind,
            plan.Cdn,
            plan.Stream,
            plan.Rendition,
            plan.For.TotalSeconds,
            summary.FaultId,
            summary.Detected,
            first?.Offset?.TotalSeconds,
            first is null ? null : $"{first.Cdn} {first.Rendition} {first.Detail}",
            summary.Bound?.Value.TotalSeconds,
            summary.WithinBound,
            summary.Recovered,
            summary.TimeToRecovery?.TotalSeconds,
            summary.Interrupted,
            summary.AlertingLine,
            alerting?.Gateway?.AbsoluteUri,
            alerting?.WebhookReceiver?.AbsoluteUri,
            alerting?.FiringBound.Value.TotalSeconds,
            alerting?.FiringBound.Reason,
            alerting?.AlertFired,
            alerting?.AlertFiringAfter?.TotalSeconds,
            alerting?.Alert?.Rule,
            alerting?.Alert?.Severity,
            alerting?.AlertPendingAfter?.TotalSeconds,
            alerting?.AlertWithinBound,
            alerting?.Degraded,
            alerting?.DegradedAfter?.TotalSeconds,
            alerting?.DegradedState,
            alerting?.AlertResolved,
            alerting?.AlertResolvedAfterClear?.TotalSeconds,
            alerting?.Operational,
            alerting?.OperationalAfterClear?.TotalSeconds,
            alerting?.WebhookFiring,
            alerting?.WebhookFiringAfter?.TotalSeconds,
            webhooks ? alerting!.WebhookFiringAfter is not null : null,
            Json(alerting?.Recommendation),
            alerting?.WebhookWithinBound,
            alerting?.WebhookResolved,
            alerting?.WebhookResolvedAfterClear?.TotalSeconds,
            webhooks ? alerting!.WebhooksReceived : null,
            webhooks ? alerting!.WebhooksRejected : null,
            webhooks ? alerting!.WebhookDuplicates : null,
            alerting?.WaitForResolve.TotalSeconds,
            summary.ExitCode);
        Write(() => JsonOutput.WriteLine(writer, line, CliJsonContext.Default.DrillSummaryJson, indented: false));
    }

    /// <summary>
    /// The contract names of timeline events: <c>baseline</c>, <c>injected</c>, <c>symptom</c>, <c>cleared</c>, <c>recovered</c>;
    /// from the gateway <c>gateway-baseline</c>, <c>alert-pending</c>, <c>alert-firing</c>, <c>alert-resolved</c>, <c>status</c>,
    /// <c>gateway-error</c>; from the receiver <c>webhook</c>, <c>webhook-rejected</c>, <c>webhook-duplicate</c>.
    /// </summary>
    public static string EventName(DrillEventKind kind) => kind switch
    {
        DrillEventKind.Baseline => "baseline",
        DrillEventKind.Injected => "injected",
        DrillEventKind.Symptom => "symptom",
        DrillEventKind.Cleared => "cleared",
        DrillEventKind.Recovered => "recovered",
        DrillEventKind.GatewayBaseline => "gateway-baseline",
        DrillEventKind.AlertPending => "alert-pending",
        DrillEventKind.AlertFiring => "alert-firing",
        DrillEventKind.AlertResolved => "alert-resolved",
        DrillEventKind.StatusChanged => "status",
        DrillEventKind.GatewayError => "gateway-error",
        DrillEventKind.Webhook => "webhook",
        DrillEventKind.WebhookRejected => "webhook-rejected",
        _ => "webhook-duplicate",
    };

    private static RecommendationJson? Json(WebhookRecommendation? recommendation)
        => recommendation is null ? null : new(recommendation.Action, recommendation.From, recommendation.To, recommendation.Reason);

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
            writer.Flush();
        }
    }
}
