namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-MAP: the Media Initialization Section for the segments that follow.</summary>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="Uri">URI resolved against the playlist URL, or null when invalid.</param>
/// <param name="ByteRange">BYTERANGE, or null for the whole resource.</param>
/// <param name="Keys">Keys in effect where the tag appears (they encrypt the section itself).</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsMap(string RawUri, Uri? Uri, HlsByteRange? ByteRange, IReadOnlyList<HlsKey> Keys, int Line);
