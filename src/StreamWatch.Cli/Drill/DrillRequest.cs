namespace StreamWatch.Cli.Drill;

/// <summary>What the user asked for on the command line.</summary>
/// <param name="Lab">The Lab's base address.</param>
/// <param name="Kind">The fault kind.</param>
/// <param name="Stream">Stream id.</param>
/// <param name="Cdn">CDN name.</param>
/// <param name="Rendition">Rendition id, or null for the whole stream.</param>
/// <param name="For">How long the fault stays in.</param>
/// <param name="Parameters">The fault's other fields (<c>--param key=value</c>).</param>
/// <param name="Alerting">The gateway and webhook receiver to ask; null: probe-side observations only.</param>
internal sealed record DrillRequest(
    Uri Lab,
    string Kind,
    string Stream,
    string Cdn,
    string? Rendition,
    TimeSpan For,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    DrillAlertingOptions? Alerting = null);
