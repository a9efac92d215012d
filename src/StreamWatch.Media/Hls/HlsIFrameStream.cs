namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-I-FRAME-STREAM-INF: an I-frame media playlist for trick play.</summary>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="PlaylistUrl">URL of the multivariant playlist; <see cref="Uri"/> resolves against it.</param>
/// <param name="Bandwidth">BANDWIDTH in bits per second (0 when missing).</param>
/// <param name="AverageBandwidth">AVERAGE-BANDWIDTH, or null.</param>
/// <param name="Codecs">CODECS, or null.</param>
/// <param name="Resolution">RESOLUTION, or null.</param>
/// <param name="Video">VIDEO group id, or null.</param>
/// <param name="Attributes">Every attribute as written (quotes removed).</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsIFrameStream(
    string RawUri,
    Uri PlaylistUrl,
    long Bandwidth,
    long? AverageBandwidth,
    string? Codecs,
    HlsResolution? Resolution,
    string? Video,
    IReadOnlyDictionary<string, string> Attributes,
    int Line)
{
    /// <summary>
    /// URI resolved against the multivariant playlist URL, or null when absent or invalid. Resolved on each read,
    /// like <see cref="HlsSegment.Uri"/>, so the record holds no cache and keeps plain value equality.
    /// </summary>
    public Uri? Uri => RawUri is null ? null : HlsUris.Resolve(PlaylistUrl, RawUri);
}
