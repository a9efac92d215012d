using System.Diagnostics.Metrics;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// Webhook instruments on meter <c>StreamWatch.Alerting</c>:
/// <c>streamwatch_webhook_deliveries_total{receiver,result}</c> (attempts by result: success, retry, failed, dead_letter),
/// <c>streamwatch_webhook_delivery_seconds{receiver}</c> (histogram, one POST) and
/// <c>streamwatch_webhook_notification_latency_seconds{receiver}</c> (histogram, alert transition to successful send).
/// </summary>
public sealed class WebhookMetrics
{
    private static readonly double[] DeliveryBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300, 3600];

    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _delivery;
    private readonly Histogram<double> _latency;

    /// <summary>Creates the instruments from the host's meter factory.</summary>
    public WebhookMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(AlertingMetrics.MeterName);
        _deliveries = meter.CreateCounter<long>("webhook.deliveries", description: "Webhook delivery attempts by receiver and result (success, retry, failed, dead_letter).");
        _delivery = meter.CreateHistogram("webhook.delivery", unit: "s", description: "Duration of one webhook POST.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DeliveryBuckets });
        _latency = meter.CreateHistogram("webhook.notification_latency", unit: "s", description: "Alert transition (detection) to the successful send of its webhook.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    /// <summary>Counts one attempt's result.</summary>
    public void Attempt(string receiver, string result)
        => _deliveries.Add(1, new KeyValuePair<string, object?>("receiver", receiver), new KeyValuePair<string, object?>("result", result));

    /// <summary>Records the duration of one POST.</summary>
    public void Delivery(string receiver, TimeSpan elapsed)
        => _delivery.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("receiver", receiver));

    /// <summary>Records detection-to-sent latency of a successful delivery.</summary>
    public void Latency(string receiver, TimeSpan latency)
        => _latency.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("receiver", receiver));
}
