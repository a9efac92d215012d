namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-PART: a partial segment of a low-latency playlist.</summary>
/// <param name="MediaSequence">Media sequence number of the parent segment (the segment the part belongs to).</param>
/// <param name="Index">0-based index of the part within its parent segment.</param>
/// <param name="Duration">DURATION in seconds.</param>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="PlaylistUrl">URL of the playlist the part was listed in; <see cref="Uri"/> resolves against it.</param>
/// <param name="Independent">INDEPENDENT=YES: the part starts with an independent frame.</param>
/// <param name="Gap">GAP=YES: the part is not available.</param>
/// <param name="ByteRange">BYTERANGE with its offset resolved, or null.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsPart(long MediaSequence, int Index, double Duration, string RawUri, Uri PlaylistUrl, bool Independent, bool Gap, HlsByteRange? ByteRange, int Line)
{
    // Parsing a Uri costs microseconds; an LL-HLS playlist lists dozens of parts per poll and most are never
    // fetched, so resolution waits until asked. The cache is excluded from equality (see Equals).
    private Uri? _uri;
    private bool _resolved;

    /// <summary>URI resolved against the playlist URL (on first access), or null when invalid.</summary>
    public Uri? Uri
    {
        get
        {
            if (!_resolved)
            {
                _uri = HlsUris.Resolve(PlaylistUrl, RawUri);
                _resolved = true;
            }

            return _uri;
        }
    }

    /// <summary>Value equality over the parsed attributes (not the lazily resolved URI cache).</summary>
    public bool Equals(HlsPart? other)
        => other is not null
            && MediaSequence == other.MediaSequence && Index == other.Index && Duration.Equals(other.Duration)
            && RawUri == other.RawUri && PlaylistUrl == other.PlaylistUrl && Independent == other.Independent
            && Gap == other.Gap && ByteRange == other.ByteRange && Line == other.Line;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MediaSequence, Index, Duration, RawUri, Independent, Gap, ByteRange, Line);
}
