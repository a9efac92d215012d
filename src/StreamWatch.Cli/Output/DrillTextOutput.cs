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
    }

    public void Event(DrillEvent drillEvent)
    {
        ArgumentNullException.ThrowIfNull(drillEvent);
        var when = drillEvent.Offset is { } offset ? Offset(offset) : "before";
        var who = drillEvent.Cdn is null ? "lab" : drillEvent.Rendition is null ? drillEvent.Cdn : $"{drillEvent.Cdn} {drillEvent.Rendition}";
        var colour = drillEvent.Kind switch
        {
            DrillEventKind.Symptom when drillEvent.Targeted => "red",
            DrillEventKind.Symptom => "yellow",
            DrillEventKind.Recovered => "green",
            _ => "default",
        };
        Line($"{when,-8} {Markup.Escape($"{who,-14}")} [{colour}]{Markup.Escape(Label(drillEvent))}[/]", escape: false);
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
        Row("alerting", DrillSummary.Alerting);
    }

    private static string Label(DrillEvent drillEvent) => drillEvent.Kind switch
    {
        DrillEventKind.Baseline => "baseline: " + drillEvent.Detail,
        DrillEventKind.Symptom when !drillEvent.Targeted => drillEvent.Detail + " (not the faulted target)",
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
