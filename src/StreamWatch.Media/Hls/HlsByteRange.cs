namespace StreamWatch.Media.Hls;

/// <summary>
/// A sub-range of a resource (EXT-X-BYTERANGE, EXT-X-MAP BYTERANGE, EXT-X-PART BYTERANGE), with the
/// offset already resolved: where the playlist omitted it, it is the byte after the previous range.
/// </summary>
/// <param name="Length">Number of bytes.</param>
/// <param name="Offset">Offset of the first byte from the start of the resource.</param>
public readonly record struct HlsByteRange(long Length, long Offset)
{
    /// <summary>The offset of the byte after the range (<c>Offset + Length</c>).</summary>
    public long End => Offset + Length;

    /// <summary>The value of an HTTP <c>Range</c> header for this sub-range, e.g. <c>bytes=0-1023</c>.</summary>
    public string ToRangeHeader() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bytes={Offset}-{End - 1}");
}
