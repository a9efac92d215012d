namespace StreamWatch.Media.Hls;

/// <summary>A RESOLUTION attribute value: width and height in pixels.</summary>
/// <param name="Width">Horizontal pixels.</param>
/// <param name="Height">Vertical pixels.</param>
public readonly record struct HlsResolution(int Width, int Height)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
