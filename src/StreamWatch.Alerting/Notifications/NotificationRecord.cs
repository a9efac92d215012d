using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Notifications;

/// <summary>
/// One notification to deliver: an alert fired or resolved with notifications not suppressed
/// (<c>AlertTransition.Notify</c>). The store appends it to the outbox list
/// (<see cref="Store.RedisKeyspace.Outbox"/>) atomically with the transition it announces, so a
/// committed transition is never without its notification and a notification never exists for a
/// transition that was not committed. The webhook dispatcher renders it per receiver.
/// Serialized with <see cref="NotificationJsonContext"/> (camelCase).
/// </summary>
public sealed record NotificationRecord
{
    /// <summary>Unique, stable id: <c>{fingerprint}:{ordinal}</c>. Receivers' delivery ids derive from it.</summary>
    public required string Id { get; init; }

    /// <summary>Per-alert notification number, 1, 2, ...: deliveries of one alert go out in this order.</summary>
    public required long Ordinal { get; init; }

    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public required string Event { get; init; }

    /// <summary>When the transition happened (UTC, engine clock).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The alert as it was after the transition.</summary>
    public required NotificationAlert Alert { get; init; }

    /// <summary>
    /// The one mapping from an engine transition to its notification (the store calls it inside the
    /// transition's commit; nothing else builds records).
    /// </summary>
    /// <param name="transition">A transition with <see cref="AlertTransition.Notify"/> true.</param>
    /// <param name="ordinal">The alert's notification number (1, 2, ...).</param>
    public static NotificationRecord From(AlertTransition transition, long ordinal)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var alert = transition.Alert;
        return new NotificationRecord
        {
            Id = alert.Fingerprint + ":" + ordinal.ToString(CultureInfo.InvariantCulture),
            Ordinal = ordinal,
            Event = transition.To == AlertLifecycleState.Resolved ? "resolved" : "firing",
            At = transition.At,
            Alert = new NotificationAlert
            {
                Fingerprint = alert.Fingerprint,
                Rule = alert.Rule,
                Severity = AlertingMetrics.SeverityLabel(alert.Severity),
                Stream = alert.Stream,
                Cdn = alert.Cdn,
                Rendition = alert.Rendition,
                StartsAt = alert.StartsAt,
                EndsAt = alert.EndsAt,
                Summary = alert.Summary,
                Labels = alert.Labels,
                Attribution = alert.Attribution,
                OriginState = alert.OriginState,
                Evidence = alert.Evidence,
            },
        };
    }
}

/// <summary>The alert part of a <see cref="NotificationRecord"/>; field names as in the webhook payload of CONTRACTS.md.</summary>
public sealed record NotificationAlert
{
    /// <summary>Alert fingerprint (16 hex digits).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Rule name.</summary>
    public required string Rule { get; init; }

    /// <summary><c>critical</c>, <c>warning</c> or <c>info</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>Stream id.</summary>
    public required string Stream { get; init; }

    /// <summary>CDN; empty for stream-level alerts.</summary>
    public required string Cdn { get; init; }

    /// <summary>Rendition; empty for source- and stream-level alerts.</summary>
    public required string Rendition { get; init; }

    /// <summary>When it fired.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When it resolved; null while firing.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Rendered summary.</summary>
    public required string Summary { get; init; }

    /// <summary>All labels of the alert.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Where the fault lies: <c>origin</c>, <c>cdn</c>, <c>cdns</c> or null (<see cref="Lifecycle.Alert.Attribution"/>).</summary>
    public string? Attribution { get; init; }

    /// <summary>What the polled origin showed: <c>faulty</c>, <c>healthy</c> or null (none, or records written before origins were polled).</summary>
    public string? OriginState { get; init; }

    /// <summary>What the probe saw (last report's error findings, CDN evidence headers); null in records written before evidence existed.</summary>
    public AlertEvidence? Evidence { get; init; }
}

/// <summary>Source-generated JSON for the notification outbox.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NotificationRecord))]
public sealed partial class NotificationJsonContext : JsonSerializerContext;
