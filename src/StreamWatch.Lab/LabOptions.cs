namespace StreamWatch.Lab;

/// <summary>
/// The Lab's settings, bound once from section <see cref="SectionName"/> (appsettings, environment
/// <c>Lab__Xxx</c>, the flags <c>--streams --cdns --mode --port</c>) and validated at start.
/// Streams and CDNs come from the configuration file's <c>streams</c> section when it has one.
/// </summary>
public sealed class LabOptions
{
    /// <summary>The configuration section: <c>Lab</c>.</summary>
    public const string SectionName = "Lab";

    /// <summary>TCP port on 127.0.0.1 when no Kestrel endpoint or <c>urls</c> is configured; defaults to 8090.</summary>
    public int Port { get; set; } = 8090;

    /// <summary>Synthetic (default) or ffmpeg.</summary>
    public LabMode Mode { get; set; } = LabMode.Synthetic;

    /// <summary>How many streams (<c>stream-1</c>…) when the configuration file names none; defaults to 3.</summary>
    public int Streams { get; set; } = 3;

    /// <summary>How many CDN edges (<c>cdn-a</c>, <c>cdn-b</c>…) when the configuration file names none; defaults to 2.</summary>
    public int Cdns { get; set; } = 2;

    /// <summary>Stream ids from the configuration file; when non-empty it replaces <see cref="Streams"/>.</summary>
    public IList<string> StreamIds { get; } = [];

    /// <summary>CDN names from the configuration file; when non-empty it replaces <see cref="Cdns"/>.</summary>
    public IList<string> CdnNames { get; } = [];

    /// <summary>Duration of every synthetic segment; defaults to 2 seconds. Must be a whole number of milliseconds.</summary>
    public TimeSpan SegmentDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Segments in each live window (HLS playlist length, DASH timeShiftBufferDepth); defaults to 6.</summary>
    public int WindowSegments { get; set; } = 6;

    /// <summary>
    /// The instant segment 0 started (DASH availabilityStartTime). Every manifest is a pure function of
    /// this, the options and the clock. Defaults to 2020-01-01T00:00:00Z.
    /// </summary>
    public DateTimeOffset Epoch { get; set; } = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds LL-HLS parts, preload hints and blocking reload to synthetic HLS; defaults to false.</summary>
    public bool LowLatency { get; set; }

    /// <summary>LL-HLS part duration; must divide <see cref="SegmentDuration"/>; defaults to 0.5 seconds.</summary>
    public TimeSpan PartDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time between the starts of two ad breaks (segment-aligned); zero (the default) means no ad breaks.</summary>
    public TimeSpan AdBreakInterval { get; set; }

    /// <summary>Length of each ad break (segment-aligned, shorter than the interval); defaults to 20 seconds.</summary>
    public TimeSpan AdBreakDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An EXT-X-DISCONTINUITY every this many segments; zero (the default) means none.</summary>
    public int DiscontinuityEvery { get; set; }

    /// <summary>
    /// Edge cache lifetime per CDN name for playlists and MPDs (e.g. <c>Lab:EdgeCache:cdn-b=00:00:04</c>):
    /// that CDN serves the origin's manifest up to this late, with <c>Age</c> and <c>X-Cache: HIT</c>. Empty by default.
    /// </summary>
    public IDictionary<string, TimeSpan> EdgeCache { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Settings of ffmpeg mode.</summary>
    public FfmpegSettings Ffmpeg { get; set; } = new();
}
