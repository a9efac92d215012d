namespace StreamWatch.Media;

/// <summary>How much a finding matters to a viewer or an operator.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info = 0,

    /// <summary>Allowed by the specification or tolerated by players, but risky.</summary>
    Warning = 1,

    /// <summary>Violates the specification or breaks playback.</summary>
    Error = 2,
}
