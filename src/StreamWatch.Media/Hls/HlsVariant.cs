namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-STREAM-INF and the URI line after it: one Variant Stream.</summary>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="PlaylistUrl">URL of the multivariant playlist; <see cref="Uri"/> resolves against it.</param>
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
    Uri PlaylistUrl,
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
    int Line)
{
    // Resolving a Uri costs microseconds and a multivariant playlist lists dozens; most callers read a few.
    // The cache is excluded from equality (see Equals).
    private Uri? _uri;
    private bool _resolved;

    /// <summary>URI resolved against the multivariant playlist URL (on first access), or null when invalid.</summary>
    public Uri? Uri
    {
        get
        {
            if (!_resolved)
            {
                _uri = RawUri is null ? null : HlsUris.Resolve(PlaylistUrl, RawUri);
                _resolved = true;
            }

            return _uri;
        }
    }

    /// <summary>Value equality over the parsed attributes (not the lazily resolved URI cache).</summary>
    public bool Equals(HlsVariant? other)
        => other is not null && EqualityContract == other.EqualityContract
            && Equals(RawUri, other.RawUri) && Equals(PlaylistUrl, other.PlaylistUrl) && Equals(Bandwidth, other.Bandwidth)
            && Equals(AverageBandwidth, other.AverageBandwidth) && Equals(Codecs, other.Codecs) && Equals(Resolution, other.Resolution)
            && Equals(FrameRate, other.FrameRate) && Equals(Audio, other.Audio) && Equals(Video, other.Video)
            && Equals(Subtitles, other.Subtitles) && Equals(ClosedCaptions, other.ClosedCaptions) && Equals(Attributes, other.Attributes)
            && Equals(Line, other.Line);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RawUri, PlaylistUrl, Line);
}
