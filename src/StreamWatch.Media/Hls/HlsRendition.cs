namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-MEDIA: an alternative rendition (audio, video, subtitles, closed captions).</summary>
/// <param name="Type">TYPE: <c>AUDIO</c>, <c>VIDEO</c>, <c>SUBTITLES</c> or <c>CLOSED-CAPTIONS</c> (as written).</param>
/// <param name="GroupId">GROUP-ID.</param>
/// <param name="Name">NAME.</param>
/// <param name="Language">LANGUAGE, or null.</param>
/// <param name="RawUri">URI as written, or null (renditions in the variant's own stream, and closed captions, have none).</param>
/// <param name="Uri">URI resolved against the multivariant playlist URL, or null.</param>
/// <param name="Default">DEFAULT=YES.</param>
/// <param name="Autoselect">AUTOSELECT=YES.</param>
/// <param name="Forced">FORCED=YES.</param>
/// <param name="InstreamId">INSTREAM-ID (closed captions), or null.</param>
/// <param name="Channels">CHANNELS, or null.</param>
/// <param name="Attributes">Every attribute as written (quotes removed).</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsRendition(
    string Type,
    string GroupId,
    string Name,
    string? Language,
    string? RawUri,
    Uri? Uri,
    bool Default,
    bool Autoselect,
    bool Forced,
    string? InstreamId,
    string? Channels,
    IReadOnlyDictionary<string, string> Attributes,
    int Line);
