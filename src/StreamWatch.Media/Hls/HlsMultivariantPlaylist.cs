namespace StreamWatch.Media.Hls;

/// <summary>A parsed HLS multivariant playlist (RFC 8216bis 4.4.6).</summary>
public sealed class HlsMultivariantPlaylist
{
    internal HlsMultivariantPlaylist(Uri url) => Url = url;

    /// <summary>Where the playlist came from; relative URIs resolve against it.</summary>
    public Uri Url { get; }

    /// <summary>EXT-X-VERSION, or null.</summary>
    public int? Version { get; internal set; }

    /// <summary>EXT-X-INDEPENDENT-SEGMENTS.</summary>
    public bool HasIndependentSegments { get; internal set; }

    /// <summary>EXT-X-START, or null.</summary>
    public HlsStart? Start { get; internal set; }

    /// <summary>Variant streams (EXT-X-STREAM-INF), in order.</summary>
    public IReadOnlyList<HlsVariant> Variants { get; internal set; } = [];

    /// <summary>I-frame playlists (EXT-X-I-FRAME-STREAM-INF).</summary>
    public IReadOnlyList<HlsIFrameStream> IFrameStreams { get; internal set; } = [];

    /// <summary>Alternative renditions (EXT-X-MEDIA).</summary>
    public IReadOnlyList<HlsRendition> Renditions { get; internal set; } = [];

    /// <summary>EXT-X-SESSION-DATA tags.</summary>
    public IReadOnlyList<HlsSessionData> SessionData { get; internal set; } = [];

    /// <summary>EXT-X-SESSION-KEY tags.</summary>
    public IReadOnlyList<HlsKey> SessionKeys { get; internal set; } = [];

    /// <summary>EXT-X-CONTENT-STEERING, or null.</summary>
    public HlsContentSteering? ContentSteering { get; internal set; }

    /// <summary>Variables defined by EXT-X-DEFINE; media playlists may IMPORT them.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Tags this parser does not model, kept verbatim.</summary>
    public IReadOnlyList<HlsTag> UnknownTags { get; internal set; } = [];

    /// <summary>Every playlist this one points to (variants, I-frame streams, renditions with a URI), resolved and without duplicates, in order of appearance.</summary>
    public IReadOnlyList<Uri> ChildPlaylists()
    {
        var seen = new HashSet<Uri>();
        var list = new List<Uri>();
        foreach (var v in Variants)
        {
            Add(v.Uri);
        }

        foreach (var r in Renditions)
        {
            Add(r.Uri);
        }

        foreach (var i in IFrameStreams)
        {
            Add(i.Uri);
        }

        return list;

        void Add(Uri? uri)
        {
            if (uri is not null && seen.Add(uri))
            {
                list.Add(uri);
            }
        }
    }
}
