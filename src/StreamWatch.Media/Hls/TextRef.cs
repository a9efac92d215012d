namespace StreamWatch.Media.Hls;

/// <summary>
/// Text kept by position instead of as a string, so parsing a segment allocates nothing:
/// a non-negative <see cref="Start"/> is a byte range of the playlist source; a negative one is
/// <c>~index</c> into the side table of strings that needed rewriting (variable substitution).
/// </summary>
internal readonly record struct TextRef(int Start, int Length)
{
    public static TextRef None => new(0, -1);

    public bool IsNone => Length < 0;

    public static TextRef Side(int index) => new(~index, 0);
}
