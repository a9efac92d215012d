using System.Globalization;
using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Notifications;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// What a failover hook should do about a notification: switch the stream from the alert's CDN to
/// the healthiest other CDN of the same stream by current health score, or nothing (with the reason).
/// Only an operational CDN (score ≥ 0.9) is recommended: moving viewers to a CDN that is already
/// degraded trades one visible fault for another.
/// </summary>
/// <param name="Action"><c>failover</c> or <c>none</c>.</param>
/// <param name="From">The CDN to move away from; null for stream-level alerts.</param>
/// <param name="To">The CDN to move to; null unless failing over.</param>
/// <param name="Reason">Why, for humans.</param>
/// <param name="Score">Health score (0..1) of <paramref name="To"/>; null unless failing over.</param>
public sealed record FailoverRecommendation(string Action, string? From, string? To, string Reason, double? Score)
{
    /// <summary>Computes the recommendation for <paramref name="notification"/> from the engine's current health.</summary>
    public static FailoverRecommendation For(NotificationRecord notification, IReadOnlyList<StreamHealth> health)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(health);
        var alert = notification.Alert;
        var from = alert.Cdn.Length == 0 ? null : alert.Cdn;
        if (notification.Event == "resolved")
        {
            return new("none", from, null, "the alert resolved; no failover needed", null);
        }

        if (alert.Attribution == "origin")
        {
            return alert.OriginState == "faulty"
                ? new("none", from, null, $"the origin of {alert.Stream} shows the fault too: it is upstream of the CDNs (origin or encoder), switching CDN would not help", null)
                : new("none", from, null, $"every CDN of {alert.Stream} shows the fault: it is upstream (origin or encoder), switching CDN would not help", null);
        }

        if (from is null)
        {
            return new("none", null, null, $"the alert is about the whole stream {alert.Stream}, not one CDN", null);
        }

        StreamHealth? stream = null;
        foreach (var each in health)
        {
            if (string.Equals(each.Stream, alert.Stream, StringComparison.Ordinal))
            {
                stream = each;
                break;
            }
        }

        SourceHealth? best = null;
        if (stream is not null)
        {
            foreach (var source in stream.Sources)
            {
                if (string.Equals(source.Cdn, from, StringComparison.Ordinal) || source.Status != HealthStatus.Operational)
                {
                    continue;
                }

                if (best is null || source.Score > best.Score || (source.Score == best.Score && string.CompareOrdinal(source.Cdn, best.Cdn) < 0))
                {
                    best = source;
                }
            }
        }

        if (best is null)
        {
            var others = stream is null ? 0 : stream.Sources.Count - 1;
            return new("none", from, null, others <= 0
                ? $"{alert.Stream} has no other CDN"
                : alert.Attribution == "cdns"
                    ? $"no other CDN of {alert.Stream} is healthy: every CDN shows the fault while the origin is healthy, so the CDNs or the path they share are at fault"
                    : $"no other CDN of {alert.Stream} is healthy", null);
        }

        var score = Math.Round(best.Score, 3);
        return new("failover", from, best.Cdn, string.Create(CultureInfo.InvariantCulture, $"{best.Cdn} is the healthiest other CDN of {alert.Stream} (operational, health score {score:0.###})"), score);
    }
}
