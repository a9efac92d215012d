namespace StreamWatch.Media;

/// <summary>
/// The result of analysing one manifest document: what it is, its playlists and its findings.
/// HLS and DASH each derive their own type carrying the parsed document.
/// </summary>
public abstract class ManifestAnalysis
{
    /// <summary>Creates the common part of an analysis.</summary>
    protected ManifestAnalysis(ManifestKind kind, Uri url, DateTimeOffset observedAt)
    {
        Kind = kind;
        Url = url;
        ObservedAt = observedAt;
    }

    /// <summary>What the document turned out to be.</summary>
    public ManifestKind Kind { get; }

    /// <summary>Where the document came from; relative URIs resolve against it.</summary>
    public Uri Url { get; }

    /// <summary>When the document was received (from the caller's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset ObservedAt { get; }

    /// <summary>Static findings about this document alone.</summary>
    public abstract IReadOnlyList<Finding> Findings { get; }

    /// <summary>One entry per media playlist or representation this document describes in full.</summary>
    public abstract IReadOnlyList<PlaylistSummary> Playlists { get; }

    /// <summary>
    /// Playlists this document points to and that must be fetched to see the media
    /// (HLS multivariant: variants, I-frame and rendition playlists). Empty otherwise.
    /// </summary>
    public abstract IReadOnlyList<Uri> ChildPlaylists { get; }

    /// <summary>True for a live presentation (HLS without ENDLIST, DASH <c>type="dynamic"</c>).</summary>
    public abstract bool IsLive { get; }

    /// <summary>
    /// The reload interval the specification allows after this snapshot when it differs from the previous one:
    /// HLS the target duration (RFC 8216bis 6.3.4), DASH minimumUpdatePeriod. Null for a static document.
    /// </summary>
    public abstract TimeSpan? ReloadInterval { get; }
}
