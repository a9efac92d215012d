namespace StreamWatch.Cli.Drill;

/// <summary>An alert as the gateway's API or a webhook payload shows it (CONTRACTS.md); every field may be missing.</summary>
/// <param name="Fingerprint">Stable id of the alert.</param>
/// <param name="Rule">Rule name, e.g. <c>ManifestStale</c>.</param>
/// <param name="Severity"><c>critical</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Stream">Stream id.</param>
/// <param name="Cdn">CDN name; null for a stream-wide (origin) alert.</param>
/// <param name="Rendition">Rendition, when the alert is about one.</param>
/// <param name="State"><c>pending</c>, <c>firing</c> or <c>resolved</c>, lower-cased.</param>
/// <param name="StartsAt">When it started.</param>
/// <param name="EndsAt">When it ended, once resolved.</param>
/// <param name="Summary">One line for people.</param>
internal sealed record GatewayAlert(
    string? Fingerprint,
    string? Rule,
    string? Severity,
    string? Stream,
    string? Cdn,
    string? Rendition,
    string? State,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Summary)
{
    /// <summary>The identity used to tell alerts apart: the fingerprint, or rule/stream/cdn/rendition without one.</summary>
    public string Key => Fingerprint is { Length: > 0 } fingerprint ? fingerprint : $"{Rule}|{Stream}|{Cdn}|{Rendition}";

    /// <summary><c>ManifestStale (critical, cdn-a 720p)</c>, or with <paramref name="summary"/> <c>ManifestStale (critical, cdn-a 720p): summary</c>.</summary>
    public string Describe(bool summary = true)
    {
        var where = string.Join(' ', new[] { Cdn, Rendition }.Where(s => !string.IsNullOrEmpty(s)));
        var inside = string.Join(", ", new[] { Severity, where }.Where(s => !string.IsNullOrEmpty(s)));
        return $"{Rule ?? "(no rule)"}{(inside.Length > 0 ? $" ({inside})" : string.Empty)}{(summary && Summary is { Length: > 0 } s ? ": " + s : string.Empty)}";
    }
}
