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

    /// <summary>A stable key: stream/cdn/rendition.</summary>
    public string Key => $"{StreamId}/{Cdn}/{RenditionId}";
}
