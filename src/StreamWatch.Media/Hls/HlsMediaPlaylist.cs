using System.Text;

namespace StreamWatch.Media.Hls;

/// <summary>
/// A parsed HLS media playlist (RFC 8216bis 4.4.3/4.4.4/4.4.5). The source bytes are kept once;
/// segment URIs and titles are positions into them and become strings only when read.
/// </summary>
public sealed class HlsMediaPlaylist
{
    private static readonly HlsKey[] NoKeys = [];
    private readonly byte[] _source;
    private readonly List<byte[]> _side;
    private readonly SegmentRecord[] _records;
    private readonly List<HlsKey[]> _keySets;
    private readonly List<HlsPart> _parts;

    internal HlsMediaPlaylist(Uri url, byte[] source, List<byte[]> side, SegmentRecord[] records, int count, List<HlsKey[]> keySets, List<HlsPart> parts)
    {
        Url = url;
        _source = source;
        _side = side;
        _records = records;
        _keySets = keySets;
        _parts = parts;
        Segments = new HlsSegmentList(this, count);
    }

    /// <summary>Where the playlist came from; relative URIs resolve against it.</summary>
    public Uri Url { get; }

    /// <summary>EXT-X-VERSION, or null when absent (version 1).</summary>
    public int? Version { get; internal set; }

    /// <summary>EXT-X-TARGETDURATION in seconds, or null when missing or invalid (a finding says so).</summary>
    public int? TargetDuration { get; internal set; }

    /// <summary>EXT-X-MEDIA-SEQUENCE: media sequence number of the first segment (0 when absent).</summary>
    public long MediaSequence { get; internal set; }

    /// <summary>EXT-X-DISCONTINUITY-SEQUENCE (0 when absent).</summary>
    public long DiscontinuitySequence { get; internal set; }

    /// <summary>EXT-X-PLAYLIST-TYPE.</summary>
    public HlsPlaylistType PlaylistType { get; internal set; }

    /// <summary>EXT-X-ENDLIST is present: no more segments will be added.</summary>
    public bool HasEndList { get; internal set; }

    /// <summary>True while the playlist may still change (no EXT-X-ENDLIST).</summary>
    public bool IsLive => !HasEndList;

    /// <summary>EXT-X-I-FRAMES-ONLY.</summary>
    public bool IsIFramesOnly { get; internal set; }

    /// <summary>EXT-X-INDEPENDENT-SEGMENTS.</summary>
    public bool HasIndependentSegments { get; internal set; }

    /// <summary>EXT-X-START, or null.</summary>
    public HlsStart? Start { get; internal set; }

    /// <summary>EXT-X-PART-INF PART-TARGET in seconds, or null for a playlist without partial segments.</summary>
    public double? PartTarget { get; internal set; }

    /// <summary>EXT-X-SERVER-CONTROL, or null.</summary>
    public HlsServerControl? ServerControl { get; internal set; }

    /// <summary>EXT-X-SKIP of a delta update, or null.</summary>
    public HlsSkip? Skip { get; internal set; }

    /// <summary>The segments, oldest first.</summary>
    public HlsSegmentList Segments { get; }

    /// <summary>Every EXT-X-PART, including those after the last segment that belong to the segment being produced.</summary>
    public IReadOnlyList<HlsPart> Parts => _parts;

    /// <summary>EXT-X-PART tags after the last complete segment (the live edge of an LL-HLS playlist).</summary>
    public IReadOnlyList<HlsPart> TrailingParts { get; internal set; } = [];

    /// <summary>EXT-X-PRELOAD-HINT tags.</summary>
    public IReadOnlyList<HlsPreloadHint> PreloadHints { get; internal set; } = [];

    /// <summary>EXT-X-RENDITION-REPORT tags.</summary>
    public IReadOnlyList<HlsRenditionReport> RenditionReports { get; internal set; } = [];

    /// <summary>EXT-X-DATERANGE tags, in order.</summary>
    public IReadOnlyList<HlsDateRange> DateRanges { get; internal set; } = [];

    /// <summary>Ad-signalling tags outside the specification (CUE-OUT/IN, OATCLS, EXT-X-SCTE35, PLACEMENT-OPPORTUNITY).</summary>
    public IReadOnlyList<HlsAdMarker> AdMarkers { get; internal set; } = [];

    /// <summary>Every EXT-X-MAP, in order.</summary>
    public IReadOnlyList<HlsMap> Maps { get; internal set; } = [];

    /// <summary>Every EXT-X-KEY, in order.</summary>
    public IReadOnlyList<HlsKey> KeyTags { get; internal set; } = [];

    /// <summary>Tags this parser does not model, kept verbatim.</summary>
    public IReadOnlyList<HlsTag> UnknownTags { get; internal set; } = [];

    /// <summary>Variables defined by EXT-X-DEFINE (NAME/VALUE, IMPORT, QUERYPARAM), after resolution.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; internal set; } = new Dictionary<string, string>();

    /// <summary>The newest (last) segment, or null when the playlist has none.</summary>
    public HlsSegment? NewestSegment => Segments.Count == 0 ? null : Segments[Segments.Count - 1];

    /// <summary>Media sequence number the next segment will have (the live edge for blocking reload, _HLS_msn).</summary>
    public long NextMediaSequence => MediaSequence + (Skip?.SkippedSegments ?? 0) + Segments.Count;

    /// <summary>Sum of the segment durations, in seconds.</summary>
    public double TotalDuration
    {
        get
        {
            var sum = 0.0;
            for (var i = 0; i < Segments.Count; i++)
            {
                sum += _records[i].Duration;
            }

            return sum;
        }
    }

    /// <summary>Number of EXT-X-DISCONTINUITY tags on listed segments.</summary>
    public int DiscontinuityCount => Segments.Count == 0 ? 0 : _records[Segments.Count - 1].DiscontinuityCount;

    internal ref readonly SegmentRecord RecordAt(int index) => ref _records[index];

    internal IReadOnlyList<HlsKey> KeySetAt(int index) => index <= 0 || index >= _keySets.Count ? NoKeys : _keySets[index];

    internal IReadOnlyList<HlsPart> PartsOf(int first, int count)
        => count <= 0 ? [] : _parts.GetRange(first, count);

    internal ReadOnlySpan<byte> BytesOf(TextRef text)
    {
        if (text.IsNone)
        {
            return default;
        }

        return text.Start >= 0 ? _source.AsSpan(text.Start, text.Length) : _side[~text.Start];
    }

    internal string? TextOf(TextRef text) => text.IsNone ? null : Encoding.UTF8.GetString(BytesOf(text));

    internal Uri? Resolve(TextRef text)
    {
        var raw = TextOf(text);
        return raw is null ? null : HlsUris.Resolve(Url, raw);
    }
}
