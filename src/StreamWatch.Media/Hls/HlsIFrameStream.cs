namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-I-FRAME-STREAM-INF: an I-frame media playlist for trick play.</summary>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="Uri">URI resolved against the multivariant playlist URL, or null when invalid or missing.</param>
/// <param name="Bandwidth">BANDWIDTH in bits per second (0 when missing).</param>
/// <param name="AverageBandwidth">AVERAGE-BANDWIDTH, or null.</param>
/// <param name="Codecs">CODECS, or null.</param>
/// <param name="Resolution">RESOLUTION, or null.</param>
/// <param name="Video">VIDEO group id, or null.</param>
/// <param name="Attributes">Every attribute as written (quotes removed).</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsIFrameStream(
    string RawUri,
    Uri? Uri,
    long Bandwidth,
    long? AverageBandwidth,
    string? Codecs,
    HlsResolution? Resolution,
    string? Video,
    IReadOnlyDictionary<string, string> Attributes,
    int Line);
