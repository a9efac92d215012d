namespace StreamWatch.Media;

/// <summary>
/// One observation about a manifest or about the change between two snapshots of it.
/// An expected problem is data, never an exception.
/// </summary>
/// <param name="Code">Stable upper-case code prefixed <c>HLS-</c>, <c>DASH-</c> or <c>LIVE-</c>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">A sentence a person understands, naming the values involved.</param>
/// <param name="Url">The manifest the finding is about, when known.</param>
/// <param name="Line">1-based line in an HLS playlist (or MPD), when known.</param>
/// <param name="Path">Element path in an MPD, e.g. <c>MPD/Period[0]/AdaptationSet[1]/Representation[2]</c>, when known.</param>
public sealed record Finding(
    string Code,
    FindingSeverity Severity,
    string Message,
    Uri? Url = null,
    int? Line = null,
    string? Path = null);
