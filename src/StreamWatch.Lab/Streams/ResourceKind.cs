namespace StreamWatch.Lab.Streams;

/// <summary>What a path under <c>/{cdn}/{stream}/</c> names.</summary>
internal enum ResourceKind
{
    NotFound = 0,
    Multivariant,
    MediaPlaylist,
    Mpd,
    MpdNumber,
    HlsSegment,
    HlsPart,
    DashInit,
    DashSegment,
}
