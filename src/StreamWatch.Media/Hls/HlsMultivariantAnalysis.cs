namespace StreamWatch.Media.Hls;

/// <summary>The analysis of one HLS multivariant playlist: the parsed playlist and its static findings.</summary>
public sealed class HlsMultivariantAnalysis : ManifestAnalysis
{
    internal HlsMultivariantAnalysis(HlsMultivariantPlaylist playlist, IReadOnlyList<Finding> findings, DateTimeOffset observedAt)
        : base(ManifestKind.HlsMultivariant, playlist.Url, observedAt)
    {
        Playlist = playlist;
        Findings = findings;
        ChildPlaylists = playlist.ChildPlaylists();
    }

    /// <summary>The parsed playlist.</summary>
    public HlsMultivariantPlaylist Playlist { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Finding> Findings { get; }

    /// <summary>Empty: a multivariant playlist describes no segments itself; its media playlists are in <see cref="ChildPlaylists"/>.</summary>
    public override IReadOnlyList<PlaylistSummary> Playlists => [];

    /// <inheritdoc />
    public override IReadOnlyList<Uri> ChildPlaylists { get; }

    /// <summary>Unknown until the media playlists are fetched; reported as false.</summary>
    public override bool IsLive => false;

    /// <summary>Null: a multivariant playlist is not reloaded.</summary>
    public override TimeSpan? ReloadInterval => null;
}
