using System.Text;
using StreamWatch.Alerting.Rules;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// Where an alert's fault lies, as <see cref="Alert.Attribution"/> and <see cref="Alert.OriginState"/> say it, and the
/// summary that goes with it. Computed when a snapshot is taken (never per report) from the origin's state the engine
/// recorded for the rule (<see cref="StreamNode.OriginStates"/>) and the CDNs' trackers.
/// </summary>
internal static class OriginAttribution
{
    /// <summary>The fault is at the origin (or encoder): the origin shows it too, or, without origin data, every CDN does.</summary>
    public const string Origin = "origin";

    /// <summary>The origin is healthy and not every CDN shows the fault: it is this CDN's.</summary>
    public const string Cdn = "cdn";

    /// <summary>The origin is healthy yet every CDN shows the fault: the CDNs or the path they share, not the origin.</summary>
    public const string Cdns = "cdns";

    /// <summary>Summary of the origin alert when the origin shows the fault and so do these CDNs (<c>{cdns}</c> filled in here).</summary>
    public const string SharedSummary = "The origin of {stream} shows {rule} too, as do {cdns}: the fault is at the origin or encoder, not the CDNs";

    /// <summary>Summary of the origin alert when the origin shows the fault and no CDN does yet.</summary>
    public const string OriginOnlySummary = "The origin of {stream} shows {rule}; its CDNs do not yet (their caches hide it until they expire)";

    /// <summary>Summary of the origin alert once the origin is healthy again.</summary>
    public const string RecoveredSummary = "The origin of {stream} no longer shows {rule}";

    /// <summary>Appended to a CDN alert's summary when the origin is healthy but every CDN shows the fault.</summary>
    public const string CdnsSuffix = "; every CDN shows it while the origin is healthy: the CDNs or the path they share are at fault, not the origin";

    /// <summary>Appended to a CDN alert's summary when the origin is healthy.</summary>
    public const string CdnSuffix = "; the origin is healthy";

    /// <summary>The alert's attribution, origin state and summary template (null: the rule's own).</summary>
    public static (string? Attribution, string? OriginState, string? Template) Describe(AlertTracker tracker)
    {
        var stream = tracker.StreamNode;
        var state = stream.OriginStates[tracker.RuleIndex];
        if (tracker.Attribution is not null)
        {
            // The stream-level origin alert: its basis is the origin's own state when known, else the every-CDN inference.
            var template = state switch
            {
                OriginState.Faulty => AffectedCdns(stream, tracker.RuleIndex) is { Length: > 0 } cdns
                    ? SharedSummary.Replace("{cdns}", cdns, StringComparison.Ordinal)
                    : OriginOnlySummary,
                OriginState.Healthy => RecoveredSummary,
                _ => AlertTracker.OriginSummary,
            };
            return (tracker.Attribution, NameOf(state), template);
        }

        if (!tracker.Rule.Attributable || tracker.Rule.Scope != RuleScope.Rendition || state == OriginState.Unknown)
        {
            // Without origin data a CDN alert keeps today's meaning (no attribution); the every-CDN inference speaks instead.
            return (null, null, null);
        }

        if (state == OriginState.Faulty)
        {
            return (Origin, NameOf(state), null);
        }

        var every = stream.Sources.Count >= 2 && AffectedCount(stream, tracker.RuleIndex) == stream.Sources.Count;
        return every
            ? (Cdns, NameOf(state), tracker.Rule.Summary + CdnsSuffix)
            : (Cdn, NameOf(state), tracker.Rule.Summary + CdnSuffix);
    }

    /// <summary><c>faulty</c>, <c>healthy</c> or null (unknown).</summary>
    public static string? NameOf(OriginState state) => state switch
    {
        OriginState.Faulty => "faulty",
        OriginState.Healthy => "healthy",
        _ => null,
    };

    /// <summary>CDNs with at least one rendition meeting the rule's condition.</summary>
    public static int AffectedCount(StreamNode stream, int ruleIndex)
    {
        var affected = 0;
        foreach (var source in stream.Sources)
        {
            affected += Shows(source, ruleIndex) ? 1 : 0;
        }

        return affected;
    }

    private static string AffectedCdns(StreamNode stream, int ruleIndex)
    {
        var names = new StringBuilder();
        foreach (var source in stream.Sources)
        {
            if (Shows(source, ruleIndex))
            {
                names.Append(names.Length == 0 ? string.Empty : ", ").Append(source.Cdn);
            }
        }

        return names.ToString();
    }

    private static bool Shows(SourceNode source, int ruleIndex)
    {
        foreach (var rendition in source.Renditions)
        {
            if (rendition.Trackers[ruleIndex] is { HasData: true, Breached: true })
            {
                return true;
            }
        }

        return false;
    }
}
