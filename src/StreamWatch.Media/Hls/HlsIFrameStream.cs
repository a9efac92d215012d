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
    // Resolving a Uri costs microseconds and a multivariant playlist lists dozens; most callers read a few.
    // The cache is excluded from equality (see Equals).
    private Uri? _uri;
    private bool _resolved;

    /// <summary>URI resolved against the multivariant playlist URL (on first access), or null when invalid or missing.</summary>
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
    public bool Equals(HlsIFrameStream? other)
        => other is not null && EqualityContract == other.EqualityContract
            && Equals(RawUri, other.RawUri) && Equals(PlaylistUrl, other.PlaylistUrl) && Equals(Bandwidth, other.Bandwidth)
            && Equals(AverageBandwidth, other.AverageBandwidth) && Equals(Codecs, other.Codecs) && Equals(Resolution, other.Resolution)
            && Equals(Video, other.Video) && Equals(Attributes, other.Attributes) && Equals(Line, other.Line);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RawUri, PlaylistUrl, Line);
}
