namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-MEDIA: an alternative rendition (audio, video, subtitles, closed captions).</summary>
/// <param name="Type">TYPE: <c>AUDIO</c>, <c>VIDEO</c>, <c>SUBTITLES</c> or <c>CLOSED-CAPTIONS</c> (as written).</param>
/// <param name="GroupId">GROUP-ID.</param>
/// <param name="Name">NAME.</param>
/// <param name="Language">LANGUAGE, or null.</param>
/// <param name="RawUri">URI as written, or null (renditions in the variant's own stream, and closed captions, have none).</param>
/// <param name="PlaylistUrl">URL of the multivariant playlist; <see cref="Uri"/> resolves against it.</param>
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
    Uri PlaylistUrl,
    bool Default,
    bool Autoselect,
    bool Forced,
    string? InstreamId,
    string? Channels,
    IReadOnlyDictionary<string, string> Attributes,
    int Line)
{
    /// <summary>
    /// URI resolved against the multivariant playlist URL, or null when absent or invalid. Resolved on each read,
    /// like <see cref="HlsSegment.Uri"/>, so the record holds no cache and keeps plain value equality.
    /// </summary>
    public Uri? Uri => RawUri is null ? null : HlsUris.Resolve(PlaylistUrl, RawUri);
}
