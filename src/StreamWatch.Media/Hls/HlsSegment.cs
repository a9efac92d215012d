namespace StreamWatch.Media.Hls;

/// <summary>
/// One media segment of an <see cref="HlsMediaPlaylist"/>. A lightweight view: strings and
/// <see cref="System.Uri"/>s are created only when asked for, so holding 40,000 segments costs no objects.
/// </summary>
public readonly struct HlsSegment : IEquatable<HlsSegment>
{
    private readonly HlsMediaPlaylist _playlist;
    private readonly int _index;

    internal HlsSegment(HlsMediaPlaylist playlist, int index)
    {
        _playlist = playlist;
        _index = index;
    }

    private ref readonly SegmentRecord Record => ref _playlist.RecordAt(_index);

    /// <summary>0-based position in <see cref="HlsMediaPlaylist.Segments"/>.</summary>
    public int Index => _index;

    /// <summary>Media sequence number (EXT-X-MEDIA-SEQUENCE + skipped segments + position).</summary>
    public long MediaSequence => _playlist.MediaSequence + (_playlist.Skip?.SkippedSegments ?? 0) + _index;

    /// <summary>
    /// Discontinuity sequence number: EXT-X-DISCONTINUITY-SEQUENCE plus the EXT-X-DISCONTINUITY tags
    /// up to and including this segment's.
    /// </summary>
    public long DiscontinuitySequence => _playlist.DiscontinuitySequence + Record.DiscontinuityCount;

    /// <summary>EXTINF duration in seconds (the target duration when the URI had no EXTINF; see <see cref="MissingExtinf"/>).</summary>
    public double Duration => Record.Duration;

    /// <summary>True when the URI line had no EXTINF before it (a finding says so).</summary>
    public bool MissingExtinf => (Record.Flags & SegmentFlags.MissingExtinf) != 0;

    /// <summary>The EXTINF title, or null.</summary>
    public string? Title => _playlist.TextOf(Record.Title);

    /// <summary>The URI as written, variables substituted.</summary>
    public string RawUri => _playlist.TextOf(Record.Uri) ?? string.Empty;

    /// <summary>The URI resolved against the playlist URL, or null when it is not a valid URI reference.</summary>
    public Uri? Uri => _playlist.Resolve(Record.Uri);

    /// <summary>EXT-X-BYTERANGE with its offset resolved, or null for the whole resource.</summary>
    public HlsByteRange? ByteRange => Record.ByteRangeLength < 0 ? null : new HlsByteRange(Record.ByteRangeLength, Record.ByteRangeOffset);

    /// <summary>EXT-X-DISCONTINUITY precedes this segment.</summary>
    public bool Discontinuity => (Record.Flags & SegmentFlags.Discontinuity) != 0;

    /// <summary>EXT-X-GAP: the segment is missing and must not be loaded.</summary>
    public bool Gap => (Record.Flags & SegmentFlags.Gap) != 0;

    /// <summary>
    /// The segment's date: its own EXT-X-PROGRAM-DATE-TIME, or one extrapolated from the nearest dated
    /// segment and the durations in between (forward, or backward for segments before the first date), as
    /// players do, when no discontinuity intervenes. Null when unknown.
    /// </summary>
    public DateTimeOffset? ProgramDateTime => Record.PdtUtcTicks == 0
        ? null
        : new DateTimeOffset(Record.PdtUtcTicks + (Record.PdtOffsetMinutes * TimeSpan.TicksPerMinute), TimeSpan.FromMinutes(Record.PdtOffsetMinutes));

    /// <summary>True when <see cref="ProgramDateTime"/> comes from a tag on this segment rather than extrapolation.</summary>
    public bool HasExplicitProgramDateTime => (Record.Flags & SegmentFlags.ExplicitProgramDateTime) != 0;

    /// <summary>EXT-X-BITRATE in kilobits per second that applies to this segment, or null.</summary>
    public int? Bitrate => Record.Bitrate == 0 ? null : Record.Bitrate;

    /// <summary>Keys in effect (one per KEYFORMAT); empty when the segment is not encrypted.</summary>
    public IReadOnlyList<HlsKey> Keys => _playlist.KeySetAt(Record.KeySet);

    /// <summary>The EXT-X-MAP in effect, or null.</summary>
    public HlsMap? Map => Record.Map < 0 ? null : _playlist.Maps[Record.Map];

    /// <summary>The EXT-X-PART tags of this segment (LL-HLS), empty when none.</summary>
    public IReadOnlyList<HlsPart> Parts => _playlist.PartsOf(Record.FirstPart, Record.PartCount);

    /// <summary>1-based line of the URI.</summary>
    public int Line => Record.Line;

    internal ReadOnlySpan<byte> RawUriBytes => _playlist.BytesOf(Record.Uri);

    /// <inheritdoc />
    public bool Equals(HlsSegment other) => ReferenceEquals(_playlist, other._playlist) && _index == other._index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HlsSegment other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_playlist, _index);

    /// <summary>Same playlist, same position.</summary>
    public static bool operator ==(HlsSegment left, HlsSegment right) => left.Equals(right);

    /// <summary>Different playlist or position.</summary>
    public static bool operator !=(HlsSegment left, HlsSegment right) => !left.Equals(right);
}
