namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-SESSION-DATA: arbitrary session data in a multivariant playlist.</summary>
/// <param name="DataId">DATA-ID (reverse-DNS).</param>
/// <param name="Value">VALUE, or null.</param>
/// <param name="RawUri">URI, or null.</param>
/// <param name="Language">LANGUAGE, or null.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsSessionData(string DataId, string? Value, string? RawUri, string? Language, int Line);
