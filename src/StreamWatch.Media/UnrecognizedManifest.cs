namespace StreamWatch.Media;

/// <summary>A document that is neither an HLS playlist nor a DASH MPD.</summary>
public sealed class UnrecognizedManifest : ManifestAnalysis
{
    internal UnrecognizedManifest(Uri url, DateTimeOffset observedAt)
        : base(ManifestKind.Unknown, url, observedAt)
    {
    }

    /// <inheritdoc />
    public override IReadOnlyList<Finding> Findings => [];

    /// <inheritdoc />
    public override IReadOnlyList<PlaylistSummary> Playlists => [];

    /// <inheritdoc />
    public override IReadOnlyList<Uri> ChildPlaylists => [];

    /// <inheritdoc />
    public override bool IsLive => false;

    /// <inheritdoc />
    public override TimeSpan? ReloadInterval => null;
}
