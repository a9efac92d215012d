namespace StreamWatch.Lab.Streams;

/// <summary>A parsed path under <c>/{cdn}/{stream}/</c>.</summary>
/// <param name="Kind">What it names.</param>
/// <param name="RenditionIndex">Ladder index, or -1 for stream-level documents.</param>
/// <param name="Segment">Segment number (HLS media sequence, DASH <c>$Number$</c> or <c>$Time$</c>/duration).</param>
/// <param name="Part">LL-HLS part index, or -1.</param>
internal readonly record struct OriginResource(ResourceKind Kind, int RenditionIndex = -1, long Segment = -1, int Part = -1)
{
    public bool IsManifest => Kind is ResourceKind.Multivariant or ResourceKind.MediaPlaylist or ResourceKind.Mpd or ResourceKind.MpdNumber;

    public static OriginResource NotFound => default;

    /// <summary>
    /// Parses <c>master.m3u8</c>, <c>manifest.mpd</c>, <c>manifest-number.mpd</c>, <c>{r}/index.m3u8</c>,
    /// <c>{r}/seg-{n}.ts</c>, <c>{r}/seg-{n}.{p}.ts</c>, <c>dash/{r}/init.mp4</c>, <c>dash/{r}/{n}.m4s</c>,
    /// <c>dash/{r}/t{time}.m4s</c>. Anything else is <see cref="ResourceKind.NotFound"/>.
    /// </summary>
    public static OriginResource Parse(ReadOnlySpan<char> path, LabCatalog catalog, long segmentMilliseconds)
    {
        switch (path)
        {
            case "master.m3u8": return new(ResourceKind.Multivariant);
            case "manifest.mpd": return new(ResourceKind.Mpd);
            case "manifest-number.mpd": return new(ResourceKind.MpdNumber);
        }

        var dash = path.StartsWith("dash/", StringComparison.Ordinal);
        if (dash)
        {
            path = path[5..];
        }

        var slash = path.IndexOf('/');
        if (slash <= 0 || !TryRendition(path[..slash], catalog, out var rendition))
        {
            return NotFound;
        }

        var file = path[(slash + 1)..];
        if (!dash)
        {
            if (file.SequenceEqual("index.m3u8"))
            {
                return new(ResourceKind.MediaPlaylist, rendition);
            }

            if (!file.StartsWith("seg-", StringComparison.Ordinal) || !file.EndsWith(".ts", StringComparison.Ordinal))
            {
                return NotFound;
            }

            var numbers = file[4..^3];
            var dot = numbers.IndexOf('.');
            if (dot < 0)
            {
                return TryNumber(numbers, out var n) ? new(ResourceKind.HlsSegment, rendition, n) : NotFound;
            }

            return TryNumber(numbers[..dot], out var segment) && TryNumber(numbers[(dot + 1)..], out var part) && part < 1000
                ? new(ResourceKind.HlsPart, rendition, segment, (int)part)
                : NotFound;
        }

        if (file.SequenceEqual("init.mp4"))
        {
            return new(ResourceKind.DashInit, rendition);
        }

        if (!file.EndsWith(".m4s", StringComparison.Ordinal))
        {
            return NotFound;
        }

        var name = file[..^4];
        if (name.StartsWith('t'))
        {
            return TryNumber(name[1..], out var t) && t % segmentMilliseconds == 0
                ? new(ResourceKind.DashSegment, rendition, t / segmentMilliseconds)
                : NotFound;
        }

        return TryNumber(name, out var number) ? new(ResourceKind.DashSegment, rendition, number) : NotFound;
    }

    private static bool TryRendition(ReadOnlySpan<char> id, LabCatalog catalog, out int index)
    {
        var renditions = catalog.Renditions;
        for (index = 0; index < renditions.Count; index++)
        {
            if (id.SequenceEqual(renditions[index].Id))
            {
                return true;
            }
        }

        index = -1;
        return false;
    }

    private static bool TryNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
