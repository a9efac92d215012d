namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-PART: a partial segment of a low-latency playlist.</summary>
/// <param name="MediaSequence">Media sequence number of the parent segment (the segment the part belongs to).</param>
/// <param name="Index">0-based index of the part within its parent segment.</param>
/// <param name="Duration">DURATION in seconds.</param>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="Uri">URI resolved against the playlist URL, or null when invalid.</param>
/// <param name="Independent">INDEPENDENT=YES: the part starts with an independent frame.</param>
/// <param name="Gap">GAP=YES: the part is not available.</param>
/// <param name="ByteRange">BYTERANGE with its offset resolved, or null.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsPart(long MediaSequence, int Index, double Duration, string RawUri, Uri? Uri, bool Independent, bool Gap, HlsByteRange? ByteRange, int Line);
