using System.Globalization;
using System.Text.Json;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// Judges each POST the drill's webhook receiver gets: verifies the signature, parses the payload, drops repeated
/// delivery ids (retries) after acknowledging them, and puts what arrived on the timeline. Keeps the facts the summary
/// needs: the first signed firing delivery for the faulted target after injection, and the resolved one after it.
/// Thread-safe: Kestrel may run requests concurrently.
/// </summary>
internal sealed class WebhookObserver(DrillPlan plan, string secret, DrillObservation observation, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _deliveries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firing = new(StringComparer.Ordinal);

    /// <summary>Signed deliveries counted (duplicates excluded).</summary>
    public int Received { get; private set; }

    /// <summary>POSTs refused: signature missing, malformed, wrong or expired, or a body that is not the payload.</summary>
    public int Rejected { get; private set; }

    /// <summary>Deliveries whose id had already been received.</summary>
    public int Duplicates { get; private set; }

    /// <summary>When the first signed firing delivery for the target arrived after injection.</summary>
    public DateTimeOffset? FiringAt { get; private set; }

    /// <summary>That delivery's alert.</summary>
    public GatewayAlert? FiringAlert { get; private set; }

    /// <summary>That delivery's recommendation.</summary>
    public WebhookRecommendation? Recommendation { get; private set; }

    /// <summary>When every target alert announced firing had been announced resolved; null while one has not.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>True once a firing and then the matching resolved deliveries arrived.</summary>
    public bool Settled
    {
        get
        {
            lock (_gate)
            {
                return FiringAt is not null && ResolvedAt is not null;
            }
        }
    }

    /// <summary>Handles one POST; returns the HTTP status to answer (200, or 400/401 for a refused one).</summary>
    /// <param name="signature">The <c>X-StreamWatch-Signature</c> header.</param>
    /// <param name="deliveryId">The <c>X-StreamWatch-Delivery</c> header.</param>
    /// <param name="eventName">The <c>X-StreamWatch-Event</c> header.</param>
    /// <param name="body">The raw body, as signed.</param>
    public int Receive(string? signature, string? deliveryId, string? eventName, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var at = time.GetUtcNow();
        lock (_gate)
        {
            if (WebhookSignature.Verify(signature, body, secret, at) is { } problem)
            {
                Rejected++;
                observation.Record(at, DrillEventKind.WebhookRejected, null, null, $"webhook rejected (401): {problem}{Delivery(deliveryId)}", false,
                    new DrillEventFacts(WebhookEvent: Lower(eventName), DeliveryId: deliveryId, SignatureVerified: false));
                return 401;
            }

            (string? Id, string? Event, GatewayAlert? Alert, WebhookRecommendation? Recommendation) payload;
            try
            {
                payload = GatewayJson.ParseWebhook(body);
            }
            catch (JsonException ex)
            {
                Rejected++;
                observation.Record(at, DrillEventKind.WebhookRejected, null, null, $"webhook rejected (400): signed, but the body is not the webhook payload: {ex.Message}{Delivery(deliveryId)}", false,
                    new DrillEventFacts(WebhookEvent: Lower(eventName), DeliveryId: deliveryId, SignatureVerified: true));
                return 400;
            }

            var id = string.IsNullOrEmpty(deliveryId) ? payload.Id : deliveryId;
            var kind = Lower(eventName) ?? payload.Event ?? "(no event)";
            var alert = payload.Alert;
            var facts = new DrillEventFacts(alert?.Rule, alert?.Fingerprint, alert?.State, null, kind, id, true, payload.Recommendation);
            if (id is not null && !_deliveries.Add(id))
            {
                // A retry of a delivery already handled: acknowledge so the sender stops, but it is one notification.
                Duplicates++;
                observation.Record(at, DrillEventKind.WebhookDuplicate, alert?.Cdn, alert?.Rendition, $"webhook {kind} duplicate of delivery {id}: acknowledged, not counted again", false, facts);
                return 200;
            }

            Received++;
            var targeted = alert is not null && string.Equals(alert.Stream, plan.Stream, StringComparison.Ordinal) && (string.IsNullOrEmpty(alert.Cdn) || alert.Cdn == plan.Cdn);
            var recommends = payload.Recommendation is { } recommendation ? $", recommends {recommendation.Describe()}" : string.Empty;
            observation.Record(at, DrillEventKind.Webhook, alert?.Cdn, alert?.Rendition,
                $"webhook {kind} received (signature ok){recommends}: {alert?.Describe() ?? "(no alert)"}{Delivery(id)}", targeted, facts);
            if (!targeted || observation.InjectedAt is not { } injectedAt || at < injectedAt)
            {
                return 200;
            }

            if (kind == "firing")
            {
                if (FiringAt is null)
                {
                    FiringAt = at;
                    FiringAlert = alert;
                    Recommendation = payload.Recommendation;
                }

                _firing.Add(alert!.Key);
                ResolvedAt = null;
            }
            else if (kind == "resolved" && _firing.Remove(alert!.Key) && _firing.Count == 0)
            {
                ResolvedAt = at;
            }

            return 200;
        }
    }

    private static string Delivery(string? id) => id is null ? " (no delivery id)" : string.Create(CultureInfo.InvariantCulture, $" [delivery {id}]");

    private static string? Lower(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
