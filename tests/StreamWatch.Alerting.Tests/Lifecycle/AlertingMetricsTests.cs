using System.Diagnostics.Metrics;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Lifecycle;

public sealed class AlertingMetricsTests
{
    [Fact]
    public void Gauges_ReportFiringAlertsByRuleAndSeverityAndStreamState()
    {
        using var harness = new EngineHarness();
        var samples = new List<(string Instrument, int Value, Dictionary<string, string> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AlertingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, harness.MeterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, string>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value?.ToString() ?? string.Empty;
            }

            samples.Add((instrument.Name, value, map));
        });
        listener.Start();

        harness.Poll("cdn-a", liveErrors: "LIVE-MEDIA-SEQUENCE-REGRESSED");
        harness.Poll("cdn-b", outcome: FetchOutcome.HttpError);
        listener.RecordObservableInstruments();

        Assert.Contains(samples, s => s.Instrument == "alerts.firing" && s.Value == 1 && s.Tags["rule"] == "SequenceError" && s.Tags["severity"] == "warning");
        Assert.Contains(samples, s => s.Instrument == "stream.state" && s.Value == 1 && s.Tags["stream"] == "final-hindi");
    }
}
