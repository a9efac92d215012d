namespace StreamWatch.Lab.Faults;

/// <summary>What a fault does; the wire name is the kebab-case name (<see cref="FaultKinds"/>).</summary>
internal enum FaultKind
{
    Stale,
    HttpError,
    Slow,
    Jitter,
    Timeout,
    SequenceRegression,
    SequenceReset,
    DiscontinuityStorm,
    DropRendition,
    Truncate,
    Garbage,
    Lag,
    ClockSkew,
}
