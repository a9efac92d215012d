namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-PRELOAD-HINT: a resource the server will publish next.</summary>
/// <param name="Type">TYPE: <c>PART</c> or <c>MAP</c> (kept as written).</param>
/// <param name="RawUri">URI as written (variables substituted).</param>
/// <param name="Uri">URI resolved against the playlist URL, or null when it is not a valid URI.</param>
/// <param name="ByteRangeStart">BYTERANGE-START, or null.</param>
/// <param name="ByteRangeLength">BYTERANGE-LENGTH, or null (to the end of the resource).</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsPreloadHint(string Type, string RawUri, Uri? Uri, long? ByteRangeStart, long? ByteRangeLength, int Line);
