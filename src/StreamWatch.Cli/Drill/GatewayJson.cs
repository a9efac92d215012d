using System.Globalization;
using System.Text.Json;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// Reads the gateway's and the webhook's JSON tolerantly: camelCase as CONTRACTS.md writes it (other casings accepted),
/// unknown fields ignored, a list either bare or wrapped in an object (<c>{"alerts": [...]}</c>), missing fields null.
/// The drill must keep working while the services add fields; it only needs a few of them.
/// </summary>
internal static class GatewayJson
{
    private static readonly string[] AlertListNames = ["alerts", "items", "data", "activeAlerts"];
    private static readonly string[] StreamListNames = ["streams", "items", "data"];
    private static readonly string[] CdnListNames = ["cdns", "sources", "cdnStates"];
    private static readonly string[] StatusAlertNames = ["alerts", "activeAlerts"];

    /// <summary>The alerts of a <c>GET /api/v1/alerts</c> answer: a JSON array, or an object holding one.</summary>
    /// <exception cref="JsonException">The body is not JSON or holds no alert list.</exception>
    public static IReadOnlyList<GatewayAlert> ParseAlerts(ReadOnlySpan<byte> body)
    {
        using var json = JsonDocument.Parse(body.ToArray());
        var list = ListIn(json.RootElement, AlertListNames) ?? throw new JsonException("expected an array of alerts (or an object with an 'alerts' array)");
        return [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(Alert)];
    }

    /// <summary>What a <c>GET /api/v1/status</c> answer says about <paramref name="streamId"/>.</summary>
    /// <exception cref="JsonException">The body is not JSON or holds no stream list.</exception>
    public static GatewayStatus ParseStatus(ReadOnlySpan<byte> body, string streamId)
    {
        using var json = JsonDocument.Parse(body.ToArray());
        var list = ListIn(json.RootElement, StreamListNames) ?? throw new JsonException("expected a 'streams' array");
        var ids = new List<string>();
        GatewayStatus? found = null;
        foreach (var stream in list.EnumerateArray())
        {
            if (stream.ValueKind != JsonValueKind.Object || String(stream, "id") is not { } id)
            {
                continue;
            }

            ids.Add(id);
            if (found is null && string.Equals(id, streamId, StringComparison.Ordinal))
            {
                var alerts = ListIn(stream, StatusAlertNames) is { } array
                    ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(Alert).Select(a => a with { Stream = a.Stream ?? id }).ToArray()
                    : [];
                found = new GatewayStatus(true, Lower(String(stream, "state") ?? String(stream, "status")), CdnStates(stream), alerts, ids);
            }
        }

        return found is null
            ? new GatewayStatus(false, null, new Dictionary<string, string>(StringComparer.Ordinal), [], ids)
            : found with { Streams = ids };
    }

    /// <summary>One alert object (the API's, or the <c>alert</c> of a webhook payload).</summary>
    public static GatewayAlert Alert(JsonElement alert) => new(
        String(alert, "fingerprint"),
        String(alert, "rule") ?? String(alert, "name"),
        Lower(String(alert, "severity")),
        String(alert, "stream"),
        String(alert, "cdn"),
        String(alert, "rendition"),
        Lower(String(alert, "state")),
        Time(alert, "startsAt"),
        Time(alert, "endsAt"),
        String(alert, "summary"));

    /// <summary>A webhook payload: <c>{id, event, alert{...}, recommendation{action, from, to, reason}}</c>.</summary>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static (string? Id, string? Event, GatewayAlert? Alert, WebhookRecommendation? Recommendation) ParseWebhook(ReadOnlySpan<byte> body)
    {
        using var json = JsonDocument.Parse(body.ToArray());
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("expected a JSON object");
        }

        var alert = Property(root, "alert") is { ValueKind: JsonValueKind.Object } a ? Alert(a) : null;
        var recommendation = Property(root, "recommendation") is { ValueKind: JsonValueKind.Object } r
            ? new WebhookRecommendation(String(r, "action"), String(r, "from"), String(r, "to"), String(r, "reason"))
            : null;
        return (String(root, "id"), Lower(String(root, "event")), alert, recommendation);
    }

    // The CDN states of a status stream: [{"cdn": "cdn-a", "state": "degraded"}], or {"cdn-a": "degraded"}, or {"cdn-a": {"state": ...}}.
    private static Dictionary<string, string> CdnStates(JsonElement stream)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in CdnListNames)
        {
            if (Property(stream, name) is not { } cdns)
            {
                continue;
            }

            if (cdns.ValueKind == JsonValueKind.Array)
            {
                foreach (var cdn in cdns.EnumerateArray())
                {
                    if (cdn.ValueKind == JsonValueKind.Object && (String(cdn, "cdn") ?? String(cdn, "name") ?? String(cdn, "id")) is { } key
                        && Lower(String(cdn, "state") ?? String(cdn, "status")) is { } state)
                    {
                        states[key] = state;
                    }
                }
            }
            else if (cdns.ValueKind == JsonValueKind.Object)
            {
                foreach (var cdn in cdns.EnumerateObject())
                {
                    var state = cdn.Value.ValueKind == JsonValueKind.String ? cdn.Value.GetString()
                        : cdn.Value.ValueKind == JsonValueKind.Object ? String(cdn.Value, "state") ?? String(cdn.Value, "status") : null;
                    if (Lower(state) is { } value)
                    {
                        states[cdn.Name] = value;
                    }
                }
            }

            if (states.Count > 0)
            {
                break;
            }
        }

        return states;
    }

    private static JsonElement? ListIn(JsonElement element, string[] names)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (Property(element, name) is { ValueKind: JsonValueKind.Array } list)
            {
                return list;
            }
        }

        return null;
    }

    // camelCase first (the contract), then any casing.
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    private static DateTimeOffset? Time(JsonElement element, string name)
        => String(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string? Lower(string? value) => value?.ToLowerInvariant();
}
