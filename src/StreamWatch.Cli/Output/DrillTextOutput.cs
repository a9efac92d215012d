using System.Globalization;
using Spectre.Console;
using StreamWatch.Cli.Drill;

namespace StreamWatch.Cli.Output;

/// <summary>Writes <c>drill --format text</c>: a header, the timeline as it happens, then the summary.</summary>
internal sealed class DrillTextOutput(IAnsiConsole console) : IDrillOutput
{
    private readonly Lock _gate = new();

    public void Started(DrillPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var comparison = plan.ComparisonCdn is null ? "no other CDN to compare with" : $"comparing with {plan.ComparisonCdn}";
        Line($"Drill: {plan.Describe()} for {DurationSyntax.Format(plan.For)} on the Lab at {plan.Lab}; {comparison} (Ctrl+C deletes the fault and stops)");
        if (plan.Alerting is { Configured: true } alerting)
        {
            var asked = string.Join("; ", new[]
            {
                alerting.Gateway is { } gateway ? $"polling the gateway at {gateway} every {DurationSyntax.Format(GatewayObserver.PollInterval)}" : null,
                alerting.WebhookListen is { } listen ? $"receiving webhooks at {listen}" : null,
            }.Where(s => s is not null));
            Line($"StreamWatch: {asked}; waiting up to {DurationSyntax.Format(alerting.WaitForResolve)} after clearing for the alert to resolve");
        }
    }

    public void Event(DrillEvent drillEvent)
    {
        ArgumentNullException.ThrowIfNull(drillEvent);
        var when = drillEvent.Offset is { } offset ? Offset(offset) : "before";
        var where = drillEvent.Rendition is null ? drillEvent.Cdn : $"{drillEvent.Cdn} {drillEvent.Rendition}";
        var who = drillEvent.Source switch
        {
            "probe" => where!,
            "lab" => "lab",
            var source => where is null ? source : $"{source} {where}",
        };
        var colour = drillEvent.Kind switch
        {
            DrillEventKind.Symptom or DrillEventKind.AlertFiring or DrillEventKind.AlertPending when drillEvent.Targeted => "red",
            DrillEventKind.Symptom or DrillEventKind.GatewayError or DrillEventKind.WebhookRejected => "yellow",
            DrillEventKind.Recovered or DrillEventKind.AlertResolved => "green",
            DrillEventKind.Webhook when drillEvent.Targeted => "blue",
            _ => "default",
        };
        Line($"{when,-8} {Markup.Escape($"{who,-18}")} [{colour}]{Markup.Escape(Label(drillEvent))}[/]", escape: false);
    }

    public void Summary(DrillSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var verdict = summary.Interrupted ? "[yellow]INTERRUPTED[/]" : summary.ExitCode == ExitCodes.Ok ? "[green]PASS[/]" : "[red]FAIL[/]";
        Line($"{verdict}  {Markup.Escape(summary.Plan.Describe())}", escape: false);
        Row("fault", $"{summary.Plan.Describe()} for {DurationSyntax.Format(summary.Plan.For)}{(summary.FaultId is { } id ? $" (Lab fault {id})" : string.Empty)}");
        Row("detected", summary.FirstSymptom is { } first
            ? $"yes, {Offset(first.Offset ?? TimeSpan.Zero)} after injection: {first.Cdn} {first.Rendition} {first.Detail}"
            : "no: nothing on the targeted playlists changed while the fault was in");
        Row("bound", summary.Bound is { } bound
            ? $"{DurationSyntax.Format(bound.Value)} ({bound.Reason}){summary.WithinBound switch { true => ": met", false => ": LATE", _ => string.Empty }}"
            : $"none for '{summary.Plan.Kind}': the probe reads playlists only, so delivery-time faults have no playlist-level bound");
        Row("recovery", summary.Recovered switch
        {
            true => $"{DurationSyntax.Format(summary.TimeToRecovery ?? TimeSpan.Zero)} after clearing (watched up to {Bound(summary.RecoveryBound)})",
            false => $"not seen within {Bound(summary.RecoveryBound)} of clearing",
            _ => summary.Interrupted ? "not watched: interrupted" : "nothing to recover from",
        });
        if (summary.Alerting is { } alerting)
        {
            AlertingRows(alerting);
        }

        Row("alerting", summary.AlertingLine);
    }

    private void AlertingRows(AlertingSummary alerting)
    {
        var bound = alerting.FiringBound;
        Row("fire by", $"{DurationSyntax.Format(bound.Value)} after injection ({bound.Reason})");
        if (alerting.Gateway is not null)
        {
            Row("alert", alerting.AlertFiringAfter is { } fired
                ? $"fired: yes, {Offset(fired)} after injection: {alerting.Alert?.Describe(summary: false)}{(alerting.AlertPendingAfter is { } pending ? $" (pending at {Offset(pending)})" : string.Empty)}: {(alerting.AlertWithinBound == true ? "met" : "LATE")}"
                : $"fired: no firing alert for the target on {alerting.Gateway}{(alerting.AlertPendingAfter is { } seen ? $" (pending at {Offset(seen)})" : string.Empty)}");
            Row("status", alerting.DegradedAfter is { } degraded
                ? $"{alerting.DegradedState} at {Offset(degraded)} after injection; {(alerting.OperationalAfterClear is { } back ? $"operational again {DurationSyntax.Format(back)} after clearing" : "not operational again before the drill ended")}"
                : "stayed operational (or unknown) on the status API");
            Row("resolved", alerting.AlertResolvedAfterClear is { } resolved
                ? $"alert gone {DurationSyntax.Format(resolved)} after clearing"
                : $"alert not resolved within {DurationSyntax.Format(alerting.WaitForResolve)} of clearing");
        }

        if (alerting.WebhookReceiver is not null)
        {
            Row("webhook", alerting.WebhookFiringAfter is { } firing
                ? $"firing at {Offset(firing)} after injection, signature verified{(alerting.Recommendation is { } r ? $", recommends {r.Describe()}" : ", no recommendation")}: {(alerting.WebhookWithinBound == true ? "met" : "LATE")}"
                : "no signed firing delivery for the target");
            Row("resolved", alerting.WebhookResolvedAfterClear is { } resolved
                ? $"webhook {DurationSyntax.Format(resolved)} after clearing"
                : $"no resolved webhook within {DurationSyntax.Format(alerting.WaitForResolve)} of clearing");
            Row("webhooks", string.Create(
                CultureInfo.InvariantCulture,
                $"{alerting.WebhooksReceived} counted, {alerting.WebhooksRejected} rejected, {alerting.WebhookDuplicates} duplicate"));
        }
    }

    private static string Label(DrillEvent drillEvent) => drillEvent.Kind switch
    {
        DrillEventKind.Baseline or DrillEventKind.GatewayBaseline => "baseline: " + drillEvent.Detail,
        DrillEventKind.Symptom or DrillEventKind.AlertPending or DrillEventKind.AlertFiring or DrillEventKind.Webhook when !drillEvent.Targeted
            => drillEvent.Detail + " (not the faulted target)",
        _ => drillEvent.Detail,
    };

    private void Row(string name, string value) => Line($"  {name,-10}{value}");

    private void Line(string text, bool escape = true)
    {
        lock (_gate)
        {
            console.MarkupLine(escape ? Markup.Escape(text) : text);
        }
    }

    private static string Bound(TimeSpan? value) => value is { } v ? DurationSyntax.Format(v) : "-";

    /// <summary><c>+4.2s</c>, <c>-0.3s</c>.</summary>
    internal static string Offset(TimeSpan offset) => offset.TotalSeconds.ToString("+0.0's';-0.0's'", CultureInfo.InvariantCulture);
}
