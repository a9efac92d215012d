namespace StreamWatch.Cli.Drill;

/// <summary>What a drill does, resolved against the Lab's catalog.</summary>
/// <param name="Lab">The Lab's base address.</param>
/// <param name="Kind">The Lab fault kind (<c>stale</c>, <c>http-error</c>…), passed through unvalidated: the Lab owns the list.</param>
/// <param name="Stream">Stream id.</param>
/// <param name="Cdn">The CDN the fault hits.</param>
/// <param name="Rendition">The rendition the fault hits; null for the whole stream.</param>
/// <param name="For">How long the fault stays before the drill deletes it.</param>
/// <param name="Parameters">The fault's other fields (<c>--param key=value</c>), in the order given.</param>
/// <param name="Watched">The stream's HLS multivariant playlist on <paramref name="Cdn"/>.</param>
/// <param name="ComparisonCdn">Another CDN of the same stream, watched for comparison; null when the stream has one CDN.</param>
/// <param name="Comparison">The stream's playlist on <paramref name="ComparisonCdn"/>.</param>
/// <param name="Alerting">The gateway and webhook receiver asked (the receiver's address as bound); null: probe-side only.</param>
internal sealed record DrillPlan(
    Uri Lab,
    string Kind,
    string Stream,
    string Cdn,
    string? Rendition,
    TimeSpan For,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    Uri Watched,
    string? ComparisonCdn,
    Uri? Comparison,
    DrillAlertingOptions? Alerting = null)
{
    /// <summary><c>stale on cdn-a/stream-1 (720p)</c>, for lines and the summary.</summary>
    public string Describe() => $"{Kind} on {Cdn}/{Stream} ({Rendition ?? "all renditions"})";
}
