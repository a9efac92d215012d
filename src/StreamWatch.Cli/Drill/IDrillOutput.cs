namespace StreamWatch.Cli.Drill;

/// <summary>Where a drill reports: timeline lines as they happen, then one summary. Calls are serialised by the caller.</summary>
internal interface IDrillOutput
{
    /// <summary>The drill starts: what it will do.</summary>
    void Started(DrillPlan plan);

    /// <summary>One timeline line.</summary>
    void Event(DrillEvent drillEvent);

    /// <summary>The verdict, once.</summary>
    void Summary(DrillSummary summary);
}
