namespace StreamWatch.Media.Hls;

/// <summary>The analysis of one HLS media playlist: the parsed playlist and its static findings.</summary>
public sealed class HlsMediaAnalysis : ManifestAnalysis
{
    private readonly IReadOnlyList<PlaylistSummary> _playlists;

    internal HlsMediaAnalysis(HlsMediaPlaylist playlist, IReadOnlyList<Finding> findings, DateTimeOffset observedAt)
        : base(ManifestKind.HlsMedia, playlist.Url, observedAt)
    {
        Playlist = playlist;
        Findings = findings;
        _playlists =
        [
            new PlaylistSummary(playlist.Url, "hls-media", playlist.IsLive, playlist.TargetDuration, playlist.MediaSequence,
                playlist.Segments.Count, playlist.TotalDuration),
        ];
    }

    /// <summary>The parsed playlist.</summary>
    public HlsMediaPlaylist Playlist { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Finding> Findings { get; }

    /// <inheritdoc />
    public override IReadOnlyList<PlaylistSummary> Playlists => _playlists;

    /// <inheritdoc />
    public override IReadOnlyList<Uri> ChildPlaylists => [];

    /// <inheritdoc />
    public override bool IsLive => Playlist.IsLive;

    /// <summary>
    /// The target duration for a live playlist (RFC 8216bis 6.3.4: reload no sooner than that after a changed
    /// playlist); null once EXT-X-ENDLIST is present or when the target duration is unknown.
    /// </summary>
    public override TimeSpan? ReloadInterval => Playlist.IsLive && Playlist.TargetDuration is { } t ? TimeSpan.FromSeconds(t) : null;
}
