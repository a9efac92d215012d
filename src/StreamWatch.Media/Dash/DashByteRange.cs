namespace StreamWatch.Media.Dash;

/// <summary>An HTTP byte range as written in an MPD (<c>first-last</c>, both inclusive, in bytes).</summary>
/// <param name="First">Offset of the first byte.</param>
/// <param name="Last">Offset of the last byte (inclusive); null for an open range (<c>first-</c>).</param>
public readonly record struct DashByteRange(long First, long? Last)
{
    /// <summary>Number of bytes in the range, when closed.</summary>
    public long? Length => Last is { } last ? last - First + 1 : null;

    /// <inheritdoc />
    public override string ToString() => Last is { } last
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{First}-{last}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{First}-");
}
