namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-RENDITION-REPORT: where another rendition's live edge is.</summary>
/// <param name="RawUri">URI as written.</param>
/// <param name="Uri">URI resolved against the playlist URL, or null when invalid.</param>
/// <param name="LastMediaSequence">LAST-MSN, or null.</param>
/// <param name="LastPart">LAST-PART, or null.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsRenditionReport(string RawUri, Uri? Uri, long? LastMediaSequence, long? LastPart, int Line);
