namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-PLAYLIST-TYPE (RFC 8216bis 4.4.3.5).</summary>
public enum HlsPlaylistType
{
    /// <summary>No EXT-X-PLAYLIST-TYPE tag: a sliding-window live playlist unless it has EXT-X-ENDLIST.</summary>
    None = 0,

    /// <summary><c>EVENT</c>: segments may only be appended.</summary>
    Event = 1,

    /// <summary><c>VOD</c>: the playlist never changes.</summary>
    Vod = 2,
}
