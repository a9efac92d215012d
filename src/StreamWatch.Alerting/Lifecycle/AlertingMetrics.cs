using System.Diagnostics.Metrics;
using StreamWatch.Contracts.V1;
using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// The Alerting service's instruments, meter <c>StreamWatch.Alerting</c>:
/// <c>streamwatch_alerts_firing{rule,severity}</c> (gauge, firing alerts),
/// <c>streamwatch_stream_state{stream}</c> (gauge: 0 operational, 1 degraded, 2 outage, 3 unknown) and
/// <c>streamwatch_alerting_evaluation_seconds{trigger}</c> (histogram, time to evaluate one probe
/// report, <c>trigger="report"</c>, or timer tick, <c>trigger="timer"</c>).
/// </summary>
internal sealed class AlertingMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "StreamWatch.Alerting";

    private static readonly double[] EvaluationBuckets = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];

    private static readonly KeyValuePair<string, object?> ReportTrigger = new("trigger", "report");
    private static readonly KeyValuePair<string, object?> TimerTrigger = new("trigger", "timer");

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Rule, AlertSeverity Severity), int> _firing = [];
    private readonly Dictionary<string, HealthStatus> _streams = new(StringComparer.Ordinal);
    private readonly Histogram<double> _evaluation;

    public AlertingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _evaluation = meter.CreateHistogram(
            "alerting.evaluation",
            unit: "s",
            description: "Time to evaluate one probe report or timer tick.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = EvaluationBuckets });
        meter.CreateObservableGauge("alerts.firing", ObserveFiring, description: "Firing alerts by rule and severity.");
        meter.CreateObservableGauge("stream.state", ObserveStreams, description: "Stream state: 0 operational, 1 degraded, 2 outage, 3 unknown.");
    }

    /// <summary>Records the time one evaluation took; <paramref name="timer"/> tells a timer tick from a probe report.</summary>
    public void RecordEvaluation(TimeSpan elapsed, bool timer)
        => _evaluation.Record(elapsed.TotalSeconds, timer ? TimerTrigger : ReportTrigger);

    public void AdjustFiring(string rule, AlertSeverity severity, int delta)
    {
        lock (_gate)
        {
            var key = (rule, severity);
            _firing[key] = _firing.GetValueOrDefault(key) + delta;
        }
    }

    public void SetStreamState(string stream, HealthStatus status)
    {
        lock (_gate)
        {
            _streams[stream] = status;
        }
    }

    private List<Measurement<int>> ObserveFiring()
    {
        lock (_gate)
        {
            var measurements = new List<Measurement<int>>(_firing.Count);
            foreach (var ((rule, severity), count) in _firing)
            {
                measurements.Add(new Measurement<int>(count, new KeyValuePair<string, object?>("rule", rule), new KeyValuePair<string, object?>("severity", SeverityLabel(severity))));
            }

            return measurements;
        }
    }

    private List<Measurement<int>> ObserveStreams()
    {
        lock (_gate)
        {
            var measurements = new List<Measurement<int>>(_streams.Count);
            foreach (var (stream, status) in _streams)
            {
                measurements.Add(new Measurement<int>((int)status, new KeyValuePair<string, object?>("stream", stream)));
            }

            return measurements;
        }
    }

    /// <summary>The <c>severity</c> label value, as in the webhook payload.</summary>
    public static string SeverityLabel(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Info => "info",
        _ => "unspecified",
    };
}
