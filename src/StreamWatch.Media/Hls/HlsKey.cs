namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-KEY or EXT-X-SESSION-KEY: how segments (or the session) are encrypted.</summary>
/// <param name="Method">METHOD as written: <c>NONE</c>, <c>AES-128</c>, <c>SAMPLE-AES</c>, <c>SAMPLE-AES-CTR</c>, ...</param>
/// <param name="RawUri">URI as written (variables substituted), or null.</param>
/// <param name="Uri">URI resolved against the playlist URL (a <c>data:</c> or <c>skd:</c> URI stays as is), or null.</param>
/// <param name="IV">IV as written (<c>0x</c> + 32 hex digits), or null.</param>
/// <param name="KeyFormat">KEYFORMAT; <c>identity</c> when absent, as the specification defines.</param>
/// <param name="KeyFormatVersions">KEYFORMATVERSIONS, or null.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsKey(string Method, string? RawUri, Uri? Uri, string? IV, string KeyFormat, string? KeyFormatVersions, int Line)
{
    /// <summary>True when segments under this key are not encrypted (METHOD=NONE).</summary>
    public bool IsNone => string.Equals(Method, "NONE", StringComparison.Ordinal);
}
