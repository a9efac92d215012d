using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// Renders a notification into the body one receiver gets: the StreamWatch payload of CONTRACTS.md
/// or Alertmanager's webhook v4 body. Written with <see cref="Utf8JsonWriter"/> so field order and
/// formatting are fixed; the result is signed and sent byte for byte on every attempt.
/// </summary>
public static class WebhookRenderer
{
    /// <summary>Alertmanager's zero time, its <c>endsAt</c> of a firing alert.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    // Relaxed escaping: the body goes to HTTP receivers, never into HTML, and stays readable (quotes in groupKey, non-ASCII summaries).
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The delivery id of <paramref name="notification"/> for <paramref name="receiver"/>: <c>{fingerprint}-{ordinal}-{receiver}</c>.</summary>
    public static string DeliveryId(NotificationRecord notification, string receiver)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification.Alert.Fingerprint + "-" + notification.Ordinal.ToString(CultureInfo.InvariantCulture) + "-" + receiver;
    }

    /// <summary>The body for <paramref name="receiver"/>, in its format.</summary>
    public static string Render(NotificationRecord notification, WebhookReceiverOptions receiver, FailoverRecommendation recommendation, string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(recommendation);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (receiver.Format == WebhookFormats.Alertmanager)
            {
                WriteAlertmanager(writer, notification, receiver, recommendation);
            }
            else
            {
                WriteStreamWatch(writer, notification, recommendation, deliveryId);
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>RFC 3339 UTC with as many fraction digits as needed: <c>2026-11-21T20:00:03Z</c>, <c>2026-11-21T20:00:03.25Z</c>.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteStreamWatch(Utf8JsonWriter writer, NotificationRecord notification, FailoverRecommendation recommendation, string deliveryId)
    {
        var alert = notification.Alert;
        writer.WriteStartObject();
        writer.WriteString("id", deliveryId);
        writer.WriteString("event", notification.Event);
        writer.WriteString("notificationId", notification.Id);
        writer.WriteNumber("ordinal", notification.Ordinal);
        writer.WriteString("at", Time(notification.At));
        writer.WriteStartObject("alert");
        writer.WriteString("fingerprint", alert.Fingerprint);
        writer.WriteString("rule", alert.Rule);
        writer.WriteString("severity", alert.Severity);
        writer.WriteString("state", notification.Event == "resolved" ? "resolved" : "firing");
        writer.WriteString("stream", alert.Stream);
        writer.WriteString("cdn", alert.Cdn);
        writer.WriteString("rendition", alert.Rendition);
        WriteTimeOrNull(writer, "startsAt", alert.StartsAt);
        WriteTimeOrNull(writer, "endsAt", alert.EndsAt);
        writer.WriteString("summary", alert.Summary);
        if (alert.Attribution is null)
        {
            writer.WriteNull("attribution");
        }
        else
        {
            writer.WriteString("attribution", alert.Attribution);
        }

        WriteStringOrNull(writer, "originState", alert.OriginState);

        WriteMap(writer, "labels", alert.Labels);
        WriteEvidence(writer, alert.Evidence ?? AlertEvidence.Empty);
        writer.WriteEndObject();
        writer.WriteStartObject("recommendation");
        writer.WriteString("action", recommendation.Action);
        WriteStringOrNull(writer, "from", recommendation.From);
        WriteStringOrNull(writer, "to", recommendation.To);
        writer.WriteString("reason", recommendation.Reason);
        if (recommendation.Score is { } score)
        {
            writer.WriteNumber("score", score);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter writer, AlertEvidence evidence)
    {
        writer.WriteStartObject("evidence");
        writer.WriteStartArray("findings");
        foreach (var finding in evidence.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", finding.Code);
            writer.WriteString("severity", finding.Severity);
            writer.WriteString("message", finding.Message);
            writer.WriteString("url", finding.Url);
            writer.WriteNumber("line", finding.Line);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteMap(writer, "headers", evidence.Headers);
        WriteStringOrNull(writer, "url", evidence.Url);
        writer.WriteNumber("httpStatus", evidence.HttpStatus);
        WriteStringOrNull(writer, "outcome", evidence.Outcome);
        writer.WriteEndObject();
    }

    private static void WriteAlertmanager(Utf8JsonWriter writer, NotificationRecord notification, WebhookReceiverOptions receiver, FailoverRecommendation recommendation)
    {
        var alert = notification.Alert;

        // Alertmanager's labels: the alert's own plus alertname and severity, sorted as Alertmanager sorts them.
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in alert.Labels)
        {
            labels[key] = value;
        }

        labels["alertname"] = alert.Rule;
        labels["severity"] = alert.Severity;
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = alert.Summary,
            ["recommendation"] = recommendation.Action == "failover"
                ? $"failover {recommendation.From} -> {recommendation.To}: {recommendation.Reason}"
                : $"none: {recommendation.Reason}",
        };
        if (recommendation.To is not null)
        {
            annotations["failover_to"] = recommendation.To;
        }

        // Annotations, not labels: a CDN alert's attribution moves with the origin's state, its identity must not.
        if (alert.Attribution is { } attribution)
        {
            annotations["attribution"] = attribution;
        }

        if (alert.OriginState is { } originState)
        {
            annotations["origin_state"] = originState;
        }

        var evidence = alert.Evidence;
        if (evidence is not null && evidence.Findings.Count > 0)
        {
            var codes = new StringBuilder();
            foreach (var finding in evidence.Findings)
            {
                codes.Append(codes.Length == 0 ? string.Empty : ",").Append(finding.Code);
            }

            annotations["findings"] = codes.ToString();
        }

        if (evidence is not null)
        {
            foreach (var (name, value) in evidence.Headers)
            {
                annotations["header_" + name.ToLowerInvariant().Replace('-', '_')] = value;
            }
        }

        var status = notification.Event == "resolved" ? "resolved" : "firing";
        var external = receiver.ExternalUrl?.TrimEnd('/') ?? string.Empty;

        // One alert per notification, grouped by all its labels: the groupKey is unique per alert, so
        // receivers that deduplicate on it (PagerDuty-style) keep distinct alerts distinct.
        var groupKey = new StringBuilder("{}:{");
        var first = true;
        foreach (var (key, value) in labels)
        {
            groupKey.Append(first ? string.Empty : ", ").Append(key).Append("=\"").Append(value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            first = false;
        }

        groupKey.Append('}');

        writer.WriteStartObject();
        writer.WriteString("version", "4");
        writer.WriteString("groupKey", groupKey.ToString());
        writer.WriteNumber("truncatedAlerts", 0);
        writer.WriteString("status", status);
        writer.WriteString("receiver", receiver.Name);
        WriteMap(writer, "groupLabels", labels);
        WriteMap(writer, "commonLabels", labels);
        WriteMap(writer, "commonAnnotations", annotations);
        writer.WriteString("externalURL", external);
        writer.WriteStartArray("alerts");
        writer.WriteStartObject();
        writer.WriteString("status", status);
        WriteMap(writer, "labels", labels);
        WriteMap(writer, "annotations", annotations);
        writer.WriteString("startsAt", alert.StartsAt is { } starts ? Time(starts) : Time(notification.At));
        writer.WriteString("endsAt", alert.EndsAt is { } ends ? Time(ends) : ZeroTime);
        writer.WriteString("generatorURL", external.Length == 0 ? string.Empty : external + "/api/v1/alerts?fingerprint=" + alert.Fingerprint);
        writer.WriteString("fingerprint", alert.Fingerprint);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteTimeOrNull(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, Time(time));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
