namespace StreamWatch.Probe.Targets;

/// <summary>The <c>probe</c> section of the configuration file.</summary>
public sealed class ProbeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Probe";

    /// <summary>Which segments to download; defaults to <see cref="SegmentPolicy.Newest"/>.</summary>
    public SegmentPolicy Segments { get; set; } = SegmentPolicy.Newest;

    /// <summary>A playlist unchanged for longer than this many target durations is stale; defaults to 1.5, at least 1.</summary>
    public double StaleFactor { get; set; } = 1.5;

    /// <summary>Fetches in flight across all hosts; defaults to 64.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>Fetches in flight to one host (scheme, host and port); defaults to 8.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 8;

    /// <summary>Time allowed for one fetch, headers and body; defaults to 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each source's multivariant playlist or MPD is fetched again to find added or removed renditions; defaults to 30 seconds.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest manifest body accepted, in bytes; defaults to 4,194,304.</summary>
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest segment body read, in bytes; defaults to 67,108,864. A larger body is abandoned (outcome too_large).</summary>
    public int MaxSegmentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Redirects followed per fetch; one more is classified <c>redirect_loop</c>. Defaults to 10, 1 to 50.</summary>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>
    /// Adaptive depth: when true, healthy renditions are polled manifest-only and a rendition in trouble (a failed poll,
    /// a stale verdict or an error finding) downloads segments by <see cref="Segments"/> until
    /// <see cref="EscalationPeriod"/> has passed without trouble. Defaults to false (every rendition samples segments).
    /// </summary>
    public bool AdaptiveDepth { get; set; }

    /// <summary>How long a rendition stays escalated to segment sampling after its last trouble; defaults to 2 minutes.</summary>
    public TimeSpan EscalationPeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// LL-HLS blocking playlist reload (RFC 8216bis 6.2.5.2); defaults to true. When a media playlist advertises
    /// <c>EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES</c>, its next reload is sent right after the previous response and asks
    /// for the next media sequence (<c>_HLS_msn</c>) and, when the playlist has parts, the next part (<c>_HLS_part</c>); the
    /// server holds it until that exists, for up to three target durations. Such a request may take three target durations
    /// plus <see cref="RequestTimeout"/>; the stale verdict does not wait for it. False: RFC 8216bis 6.3.4 pacing only.
    /// </summary>
    public bool BlockingReload { get; set; } = true;

    /// <summary>
    /// Whether per-rendition metrics carry the <c>rendition</c> label; defaults to true. Very large fleets turn it off to
    /// stay under the series cap (<c>Metrics:MaxSeriesPerMetric</c>, 2,000 by default; 1,000 streams × 5 renditions
    /// would overflow it): fetch histograms then aggregate a stream's renditions per CDN and the gauges
    /// (playlist age, live-edge latency, CDN skew) show the largest value among them. The API keeps every rendition.
    /// </summary>
    public bool RenditionLabel { get; set; } = true;
}
