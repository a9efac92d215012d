using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// The probe's instruments (meter <c>StreamWatch.Probe</c>); names follow CONTRACTS.md. The per-rendition gauges are
/// observed from the <see cref="TargetRegistry"/> at each scrape, so a rendition that is no longer polled (removed
/// from the multivariant playlist or MPD, or from the configuration) disappears from <c>/metrics</c>.
/// </summary>
internal sealed class ProbeMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "StreamWatch.Probe";

    private readonly bool _renditionLabel;

    public ProbeMetrics(IMeterFactory meters, TargetRegistry registry, IOptions<ProbeOptions> options)
    {
        _renditionLabel = options.Value.RenditionLabel;
        var meter = meters.Create(MeterName);
        ManifestFetch = meter.CreateHistogram<double>("probe.manifest_fetch", "s", "Manifest fetch time, request start to last byte.");
        SegmentFetch = meter.CreateHistogram<double>("probe.segment_fetch", "s", "Segment fetch time, request start to last byte.");
        SchedulerLag = meter.CreateHistogram<double>("probe.scheduler_lag", "s", "How late a poll started: actual start minus due time (includes waiting for a concurrency slot).");
        Dns = meter.CreateHistogram<double>("probe.dns", "s", "DNS resolution of fetches that opened a connection.");
        Connect = meter.CreateHistogram<double>("probe.connect", "s", "TCP connect of fetches that opened a connection (reused connections are not observed).");
        Tls = meter.CreateHistogram<double>("probe.tls", "s", "TLS handshake of https fetches that opened a connection.");
        FirstByte = meter.CreateHistogram<double>("probe.first_byte", "s", "Request start to response headers, every fetch but blocking reloads (whose first byte is the server's hold).");
        BlockingReload = meter.CreateHistogram<double>("probe.blocking_reload", "s", "LL-HLS blocking playlist reloads, request start to last byte: mostly the server's hold until the next part or segment (kept out of probe.manifest_fetch).");
        BlockingFallbacks = meter.CreateCounter<long>("probe.blocking_fallbacks", description: "Blocking playlist reloads that failed or did not block, by reason; each pauses blocking for that rendition (normal pacing).");
        meter.CreateObservableGauge("probe.playlist_age", () => Observe(registry, static s => s.AgeSeconds, _renditionLabel), "s", "Time since the media sequence last advanced, at the last poll.");
        meter.CreateObservableGauge("probe.live_edge_latency", () => Observe(registry, static s => s.LiveEdgeLatencySeconds, _renditionLabel), "s", "Now minus the end of the newest segment, at the last poll.");
        meter.CreateObservableGauge("probe.target_duration", () => Observe(registry, static s => s.TargetDurationSeconds, _renditionLabel), "s", "The rendition's target duration as last parsed: the yardstick of playlist age and segment download time.");
        meter.CreateObservableGauge("probe.update_jitter", () => Observe(registry, static s => s.UpdateJitterSeconds, _renditionLabel), "s", "Smoothed playlist update jitter (RFC 3550 6.4.1 against the media duration each update added).");
        meter.CreateObservableGauge("probe.cdn_skew", () => Observe(registry, static s => s.CdnSkewSeconds, _renditionLabel), "s", "How far this CDN's live edge is behind the most advanced CDN's.");
        Errors = meter.CreateCounter<long>("probe.errors", description: "Failed fetches, invalid manifests and stale verdicts, by kind.");
        ReportsDropped = meter.CreateCounter<long>("probe.reports_dropped", description: "Reports dropped because the report buffer was full.");
    }

    public Histogram<double> ManifestFetch { get; }

    public Histogram<double> SegmentFetch { get; }

    public Histogram<double> SchedulerLag { get; }

    public Histogram<double> Dns { get; }

    public Histogram<double> Connect { get; }

    public Histogram<double> Tls { get; }

    public Histogram<double> FirstByte { get; }

    public Histogram<double> BlockingReload { get; }

    public Counter<long> BlockingFallbacks { get; }

    public Counter<long> Errors { get; }

    public Counter<long> ReportsDropped { get; }

    /// <summary>Counts one error of <paramref name="kind"/> (one of <see cref="ErrorKinds"/>, optionally prefixed <c>segment_</c>).</summary>
    public void Error(string kind) => Errors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records the phases of one fetch: connection phases only when it opened one.</summary>
    /// <param name="fetch">The fetch.</param>
    /// <param name="stream">Its stream.</param>
    /// <param name="cdn">Its CDN.</param>
    /// <param name="held">A blocking reload: its first byte came when the server stopped holding it, which is not latency.</param>
    public void Phases(Fetch fetch, string stream, string cdn, bool held = false)
    {
        var tags = new System.Diagnostics.TagList { { "stream", stream }, { "cdn", cdn } };
        var timings = fetch.Result.Timings;
        if (!held && timings.FirstByte is { } firstByte)
        {
            FirstByte.Record(firstByte.ToTimeSpan().TotalSeconds, tags);
        }

        if (timings.Dns is { } dns)
        {
            Dns.Record(dns.ToTimeSpan().TotalSeconds, tags);
        }

        if (timings.Connect is { } connect)
        {
            Connect.Record(connect.ToTimeSpan().TotalSeconds, tags);
        }

        if (timings.Tls is { } tls)
        {
            Tls.Record(tls.ToTimeSpan().TotalSeconds, tags);
        }
    }

    /// <summary>Tags of a manifest or segment fetch histogram: stream, cdn, rendition (unless switched off), result.</summary>
    public TagList FetchTags(RenditionTarget target, string result)
    {
        var tags = new TagList { { "stream", target.StreamId }, { "cdn", target.Cdn } };
        if (_renditionLabel)
        {
            tags.Add("rendition", target.RenditionId);
        }

        tags.Add("result", result);
        return tags;
    }

    private static IEnumerable<Measurement<double>> Observe(TargetRegistry registry, Func<TargetStatus, double?> value, bool renditionLabel)
    {
        if (!renditionLabel)
        {
            return Worst(registry, value);
        }

        return PerRendition(registry, value);

        static IEnumerable<Measurement<double>> PerRendition(TargetRegistry registry, Func<TargetStatus, double?> value)
        {
            foreach (var status in registry.Current())
            {
                if (value(status) is { } v)
                {
                    yield return new Measurement<double>(v, new KeyValuePair<string, object?>("stream", status.Stream), new KeyValuePair<string, object?>("cdn", status.Cdn), new KeyValuePair<string, object?>("rendition", status.Rendition));
                }
            }
        }

        // Without the label one series per stream and CDN: the largest value (the worst rendition) is the one to alert on.
        static IEnumerable<Measurement<double>> Worst(TargetRegistry registry, Func<TargetStatus, double?> value)
        {
            var worst = new Dictionary<(string Stream, string Cdn), double>();
            foreach (var status in registry.Current())
            {
                if (value(status) is { } v && (!worst.TryGetValue((status.Stream, status.Cdn), out var known) || v > known))
                {
                    worst[(status.Stream, status.Cdn)] = v;
                }
            }

            foreach (var ((stream, cdn), v) in worst)
            {
                yield return new Measurement<double>(v, new KeyValuePair<string, object?>("stream", stream), new KeyValuePair<string, object?>("cdn", cdn));
            }
        }
    }
}
