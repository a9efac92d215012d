namespace StreamWatch.Probe.Targets;

/// <summary>One media playlist (HLS) or MPD (DASH) that the probe polls.</summary>
/// <param name="StreamId">Stream id from the configuration.</param>
/// <param name="Cdn">CDN name from the configuration.</param>
/// <param name="RenditionId">Rendition id, e.g. <c>720p</c> or <c>audio-en</c>; empty for an MPD polled as a whole.</param>
/// <param name="Url">The playlist or MPD URL.</param>
/// <param name="DeclaredBandwidth">BANDWIDTH from the multivariant playlist in bits per second; 0 when unknown.</param>
public sealed record RenditionTarget(string StreamId, string Cdn, string RenditionId, Uri Url, long DeclaredBandwidth)
{
    /// <summary>A stable key: stream/cdn/rendition.</summary>
    public string Key => $"{StreamId}/{Cdn}/{RenditionId}";
}
