using System.Diagnostics.Metrics;

namespace StreamWatch.Alerting.Ingest;

/// <summary>
/// Ingest's instrument (meter <c>StreamWatch.Alerting</c>): <c>streamwatch_alerting_reports_total{result}</c>,
/// probe reports received by result: <c>accepted</c>, <c>duplicate</c> (sequence at or below the
/// probe's high-water mark), <c>malformed</c> (no result, no stream or CDN, invalid ids or sequence)
/// and <c>unknown_stream</c> (not in a configured <c>streams:</c> list).
/// </summary>
internal sealed class IngestMetrics
{
    private static readonly KeyValuePair<string, object?> Accepted = new("result", "accepted");
    private static readonly KeyValuePair<string, object?> Duplicate = new("result", "duplicate");
    private static readonly KeyValuePair<string, object?> Malformed = new("result", "malformed");
    private static readonly KeyValuePair<string, object?> UnknownStream = new("result", "unknown_stream");

    private readonly Counter<long> _reports;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _reports = meterFactory.Create("StreamWatch.Alerting").CreateCounter<long>("alerting.reports", description: "Probe reports received, by result.");
    }

    public void Record(ReportVerdict verdict) => _reports.Add(1, verdict switch
    {
        ReportVerdict.Accepted => Accepted,
        ReportVerdict.Duplicate => Duplicate,
        ReportVerdict.UnknownStream => UnknownStream,
        _ => Malformed,
    });
}
