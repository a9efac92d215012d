using System.Diagnostics.Metrics;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Reporting;

/// <summary>The report stream's instruments (meter <c>StreamWatch.Probe</c>), labelled by endpoint index (<c>0</c>, <c>1</c>, …).</summary>
internal sealed class ReportingMetrics
{
    public ReportingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProbeMetrics.MeterName);
        Sent = meter.CreateCounter<long>("probe.reports_sent", description: "Reports written to an alerting endpoint, resends included.");
        Reconnects = meter.CreateCounter<long>("probe.report_reconnects", description: "Report calls to an alerting endpoint that failed or ended and were retried.");
        Missed = meter.CreateCounter<long>("probe.report_missed", description: "Reports an endpoint never received: evicted from the outbox while it was away and others were served.");
        meter.CreateObservableGauge("probe.report_unacked", ObserveUnacked, description: "Reports an endpoint has not acked yet (sent or waiting).");
        meter.CreateObservableGauge("probe.report_connected", ObserveConnected, description: "1 while a report call to the endpoint is open and past its hello, else 0.");
    }

    public Counter<long> Sent { get; }

    public Counter<long> Reconnects { get; }

    public Counter<long> Missed { get; }

    /// <summary>Set by the publisher once it knows its endpoints.</summary>
    public Func<IEnumerable<Measurement<long>>>? Unacked { get; set; }

    /// <summary>Set by the publisher once it knows its endpoints.</summary>
    public Func<IEnumerable<Measurement<int>>>? Connected { get; set; }

    private IEnumerable<Measurement<long>> ObserveUnacked() => Unacked?.Invoke() ?? [];

    private IEnumerable<Measurement<int>> ObserveConnected() => Connected?.Invoke() ?? [];
}
