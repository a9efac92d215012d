namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-STREAM-INF and the URI line after it: one Variant Stream.</summary>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="Uri">URI resolved against the multivariant playlist URL, or null when invalid.</param>
/// <param name="Bandwidth">BANDWIDTH in bits per second (0 when missing; a finding says so).</param>
/// <param name="AverageBandwidth">AVERAGE-BANDWIDTH in bits per second, or null.</param>
/// <param name="Codecs">CODECS, or null.</param>
/// <param name="Resolution">RESOLUTION, or null.</param>
/// <param name="FrameRate">FRAME-RATE in frames per second, or null.</param>
/// <param name="Audio">AUDIO group id, or null.</param>
/// <param name="Video">VIDEO group id, or null.</param>
/// <param name="Subtitles">SUBTITLES group id, or null.</param>
/// <param name="ClosedCaptions">CLOSED-CAPTIONS group id or <c>NONE</c>, or null.</param>
/// <param name="Attributes">Every attribute as written (quotes removed).</param>
/// <param name="Line">1-based line of the EXT-X-STREAM-INF tag.</param>
public sealed record HlsVariant(
    string RawUri,
    Uri? Uri,
    long Bandwidth,
    long? AverageBandwidth,
    string? Codecs,
    HlsResolution? Resolution,
    double? FrameRate,
    string? Audio,
    string? Video,
    string? Subtitles,
    string? ClosedCaptions,
    IReadOnlyDictionary<string, string> Attributes,
    int Line);
