namespace StreamWatch.Media;

/// <summary>What a document turned out to be.</summary>
public enum ManifestKind
{
    /// <summary>Neither an HLS playlist nor a DASH MPD.</summary>
    Unknown = 0,

    /// <summary>An HLS multivariant (master) playlist.</summary>
    HlsMultivariant = 1,

    /// <summary>An HLS media playlist.</summary>
    HlsMedia = 2,

    /// <summary>A DASH Media Presentation Description.</summary>
    Dash = 3,
}
