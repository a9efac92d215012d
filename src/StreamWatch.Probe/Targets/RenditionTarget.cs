namespace StreamWatch.Probe.Targets;

/// <summary>One media playlist (HLS) or one representation of an MPD (DASH) that the probe polls.</summary>
/// <param name="StreamId">Stream id from the configuration.</param>
/// <param name="Cdn">CDN name from the configuration.</param>
/// <param name="RenditionId">Rendition id, e.g. <c>720p</c> or <c>audio-en</c>; for DASH the representation id made label-safe.</param>
/// <param name="Url">The playlist or MPD URL.</param>
/// <param name="DeclaredBandwidth">BANDWIDTH (HLS) or @bandwidth (DASH) in bits per second; 0 when unknown.</param>
public sealed record RenditionTarget(string StreamId, string Cdn, string RenditionId, Uri Url, long DeclaredBandwidth)
{
    /// <summary>The DASH Representation@id this target follows in the MPD at <see cref="Url"/>; null for HLS.</summary>
    public string? Representation { get; init; }

    /// <summary>
    /// True for a rendition of the stream's origin source (<see cref="StreamDefinition.Origin"/>; <see cref="Cdn"/> is then
    /// <see cref="OriginCdn"/>): polled like a CDN, reported with <c>StreamRef.origin</c>, left out of cross-CDN skew.
    /// </summary>
    public bool Origin { get; init; }

    /// <summary>The CDN name the origin source reports under (the <c>cdn</c> label of its metrics): <c>origin</c>.</summary>
    public const string OriginCdn = "origin";

    /// <summary>A stable key: stream/cdn/rendition.</summary>
    public string Key => $"{StreamId}/{Cdn}/{RenditionId}";
}
