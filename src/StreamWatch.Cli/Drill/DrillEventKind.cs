namespace StreamWatch.Cli.Drill;

/// <summary>What a drill timeline line records.</summary>
internal enum DrillEventKind
{
    /// <summary>The watched stream was healthy before the fault (no offset: before injection).</summary>
    Baseline,

    /// <summary>The Lab accepted the fault.</summary>
    Injected,

    /// <summary>StreamWatch observed something wrong: stale, fetch failure, a LIVE finding, lag behind the other CDN.</summary>
    Symptom,

    /// <summary>The fault was deleted from the Lab.</summary>
    Cleared,

    /// <summary>A playlist that showed a symptom is healthy again after the fault was cleared.</summary>
    Recovered,
}
