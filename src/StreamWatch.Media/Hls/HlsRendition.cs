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
    // Resolving a Uri costs microseconds and a multivariant playlist lists dozens; most callers read a few.
    // The cache is excluded from equality (see Equals).
    private Uri? _uri;
    private bool _resolved;

    /// <summary>URI resolved against the multivariant playlist URL (on first access), or null when absent or invalid.</summary>
    public Uri? Uri
    {
        get
        {
            if (!_resolved)
            {
                _uri = RawUri is null ? null : HlsUris.Resolve(PlaylistUrl, RawUri);
                _resolved = true;
            }

            return _uri;
        }
    }

    /// <summary>Value equality over the parsed attributes (not the lazily resolved URI cache).</summary>
    public bool Equals(HlsRendition? other)
        => other is not null && EqualityContract == other.EqualityContract
            && Equals(Type, other.Type) && Equals(GroupId, other.GroupId) && Equals(Name, other.Name)
            && Equals(Language, other.Language) && Equals(RawUri, other.RawUri) && Equals(PlaylistUrl, other.PlaylistUrl)
            && Equals(Default, other.Default) && Equals(Autoselect, other.Autoselect) && Equals(Forced, other.Forced)
            && Equals(InstreamId, other.InstreamId) && Equals(Channels, other.Channels) && Equals(Attributes, other.Attributes)
            && Equals(Line, other.Line);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RawUri, PlaylistUrl, Line);
}
