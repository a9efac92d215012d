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
            drillEvent.Cdn,
            drillEvent.Rendition,
            drillEvent.Targeted,
            drillEvent.Detail);
        Write(() => JsonOutput.WriteLine(writer, line, CliJsonContext.Default.DrillEventJson, indented: false));
    }

    public void Summary(DrillSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var plan = summary.Plan;
        var first = summary.FirstSymptom;
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
            DrillSummary.Alerting,
            summary.ExitCode);
        Write(() => JsonOutput.WriteLine(writer, line, CliJsonContext.Default.DrillSummaryJson, indented: false));
    }

    /// <summary>The contract names of timeline events: <c>baseline</c>, <c>injected</c>, <c>symptom</c>, <c>cleared</c>, <c>recovered</c>.</summary>
    public static string EventName(DrillEventKind kind) => kind switch
    {
        DrillEventKind.Baseline => "baseline",
        DrillEventKind.Injected => "injected",
        DrillEventKind.Symptom => "symptom",
        DrillEventKind.Cleared => "cleared",
        _ => "recovered",
    };

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
            writer.Flush();
        }
    }
}
