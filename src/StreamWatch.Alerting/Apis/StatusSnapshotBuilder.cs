using System.Collections.Concurrent;
using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>
/// Builds the API's view of streams from the engine (health and alerts), the configured names and
/// the open incidents. Configured streams come first, in file order, then streams that report
/// without being configured, by id.
/// </summary>
internal sealed class StatusSnapshotBuilder(IAlertEngine engine, StreamDirectory directory, IncidentBook incidents, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changedAt = new(StringComparer.Ordinal);

    /// <summary>Records that what <paramref name="stream"/> shows changed at <paramref name="at"/> (its <c>updatedAt</c>).</summary>
    public void MarkChanged(string stream, DateTimeOffset at) => _changedAt[stream] = at;

    public StatusResponse BuildStatus()
    {
        var now = time.GetUtcNow();
        var health = IndexHealth(engine.GetHealth());
        var alerts = GroupAlerts(engine.GetAlerts(), activeOnly: true);
        var streams = new List<StreamStatus>(directory.Ids.Count + health.Count);
        foreach (var id in directory.Ids)
        {
            streams.Add(Build(id, health.GetValueOrDefault(id), alerts.GetValueOrDefault(id), now));
        }

        var unconfigured = new List<string>();
        foreach (var id in health.Keys)
        {
            if (!directory.Contains(id))
            {
                unconfigured.Add(id);
            }
        }

        unconfigured.Sort(StringComparer.Ordinal);
        foreach (var id in unconfigured)
        {
            streams.Add(Build(id, health[id], alerts.GetValueOrDefault(id), now));
        }

        return new StatusResponse(now, streams);
    }

    /// <summary>One stream, or null when it is neither configured nor reported on.</summary>
    public StreamStatus? BuildStream(string id)
    {
        StreamHealth? found = null;
        foreach (var health in engine.GetHealth())
        {
            if (string.Equals(health.Stream, id, StringComparison.Ordinal))
            {
                found = health;
                break;
            }
        }

        if (found is null && !directory.Contains(id))
        {
            return null;
        }

        var alerts = new List<AlertView>();
        foreach (var alert in engine.GetAlerts())
        {
            if (string.Equals(alert.Stream, id, StringComparison.Ordinal) && IsActive(alert))
            {
                alerts.Add(ToView(alert));
            }
        }

        return Build(id, found, alerts, time.GetUtcNow());
    }

    public static AlertView ToView(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertView(
            alert.Fingerprint,
            alert.Rule,
            AlertingMetrics.SeverityLabel(alert.Severity),
            StatusNames.Of(alert.State),
            alert.Stream,
            alert.Cdn,
            alert.Rendition,
            alert.Labels,
            alert.ActiveSince,
            alert.StartsAt,
            alert.EndsAt,
            alert.Summary,
            double.IsFinite(alert.Value) ? alert.Value : 0,
            alert.Flapping,
            StatusNames.Of(alert.Suppression),
            alert.Attribution,
            alert.IncidentId,
            alert.Acknowledgement is { } ack ? new AcknowledgementView(ack.By, ack.At, ack.Comment) : null)
        {
            OriginState = alert.OriginState,
        };
    }

    public static bool IsActive(Alert alert) => alert.State is AlertLifecycleState.Pending or AlertLifecycleState.Firing;

    private static Dictionary<string, StreamHealth> IndexHealth(IReadOnlyList<StreamHealth> health)
    {
        var index = new Dictionary<string, StreamHealth>(health.Count, StringComparer.Ordinal);
        foreach (var stream in health)
        {
            index[stream.Stream] = stream;
        }

        return index;
    }

    private static Dictionary<string, List<AlertView>> GroupAlerts(IReadOnlyList<Alert> alerts, bool activeOnly)
    {
        var groups = new Dictionary<string, List<AlertView>>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            if (activeOnly && !IsActive(alert))
            {
                continue;
            }

            if (!groups.TryGetValue(alert.Stream, out var list))
            {
                list = [];
                groups.Add(alert.Stream, list);
            }

            list.Add(ToView(alert));
        }

        return groups;
    }

    private StreamStatus Build(string id, StreamHealth? health, List<AlertView>? alerts, DateTimeOffset now)
    {
        var cdns = new List<CdnStatus>();
        if (health is not null)
        {
            foreach (var source in health.Sources)
            {
                cdns.Add(ToStatus(source));
            }
        }

        alerts ??= [];
        return new StreamStatus(
            id,
            directory.NameOf(id),
            StatusNames.Of(health?.Status ?? HealthStatus.Unknown),
            cdns,
            alerts,
            IncidentOf(id, alerts),
            _changedAt.TryGetValue(id, out var changed) ? changed : now)
        {
            Origin = health?.Origin is { } origin ? ToStatus(origin) : null,
        };
    }

    private static CdnStatus ToStatus(SourceHealth source)
    {
        var renditions = new List<RenditionStatus>(source.Renditions.Count);
        foreach (var rendition in source.Renditions)
        {
            renditions.Add(new RenditionStatus(rendition.Rendition, StatusNames.Of(rendition.Status), Round(rendition.Score)));
        }

        return new CdnStatus(source.Cdn, StatusNames.Of(source.Status), Round(source.Score), renditions);
    }

    private IncidentView? IncidentOf(string stream, List<AlertView> alerts)
    {
        string? id = null;
        DateTimeOffset? earliest = null;
        var affected = new List<string>();
        var summaries = new List<string>();
        foreach (var alert in alerts)
        {
            if (alert.State != "firing" || alert.IncidentId is null)
            {
                continue;
            }

            id ??= alert.IncidentId;
            if (alert.StartsAt is { } started && (earliest is null || started < earliest))
            {
                earliest = started;
            }

            var what = alert.Cdn.Length > 0 ? alert.Cdn : alert.Attribution ?? "stream";
            if (!affected.Contains(what))
            {
                affected.Add(what);
            }

            summaries.Add(alert.Summary);
        }

        if (id is null)
        {
            return null;
        }

        affected.Sort(StringComparer.Ordinal);

        // After a restart the engine may hold firing alerts restored from the store without the
        // incident announcement; their earliest firing time is then the best start time known.
        var openedAt = incidents.Find(stream, id)?.OpenedAt ?? earliest ?? time.GetUtcNow();
        return new IncidentView(id, openedAt, ClosedAt: null, stream, affected, summaries);
    }

    private static double Round(double score) => double.IsFinite(score) ? Math.Round(score, 3) : 0;
}
