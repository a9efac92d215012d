using System.Diagnostics.Metrics;

namespace StreamWatch.Probe.Measurement;

/// <summary>The probe's instruments (meter <c>StreamWatch.Probe</c>); names follow CONTRACTS.md.</summary>
internal sealed class ProbeMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "StreamWatch.Probe";

    public ProbeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        ManifestFetch = meter.CreateHistogram<double>("probe.manifest_fetch", "s", "Manifest fetch time, request start to last byte.");
        SegmentFetch = meter.CreateHistogram<double>("probe.segment_fetch", "s", "Segment fetch time, request start to last byte.");
        SchedulerLag = meter.CreateHistogram<double>("probe.scheduler_lag", "s", "How late a poll started: actual start minus due time (includes waiting for a concurrency slot).");
        PlaylistAge = meter.CreateGauge<double>("probe.playlist_age", "s", "Time since the playlist last changed.");
        LiveEdgeLatency = meter.CreateGauge<double>("probe.live_edge_latency", "s", "Now minus the program date-time of the newest segment's end.");
        CdnSkew = meter.CreateGauge<double>("probe.cdn_skew", "s", "How far this CDN's live edge is behind the most advanced CDN's.");
        Errors = meter.CreateCounter<long>("probe.errors", description: "Failed fetches and stale verdicts, by kind.");
        ReportsDropped = meter.CreateCounter<long>("probe.reports_dropped", description: "Reports dropped because the report buffer was full.");
    }

    public Histogram<double> ManifestFetch { get; }

    public Histogram<double> SegmentFetch { get; }

    public Histogram<double> SchedulerLag { get; }

    public Gauge<double> PlaylistAge { get; }

    public Gauge<double> LiveEdgeLatency { get; }

    public Gauge<double> CdnSkew { get; }

    public Counter<long> Errors { get; }

    public Counter<long> ReportsDropped { get; }
}
