using System.Globalization;
using System.Text;

namespace StreamWatch.Media.Hls;

/// <summary>
/// One pass over a playlist's lines (RFC 8216bis). Media-segment tags touch only value-type state so a
/// segment costs no allocation; the rarer tags (keys, maps, renditions...) build objects. Both kinds of
/// playlist are collected at once; which one the document is gets decided at the end, and mixing is a finding.
/// </summary>
internal sealed partial class HlsParser
{
    private const int MaxReportedLongSegments = 20;

    private readonly byte[] _src;
    private readonly int _len;
    private readonly Uri _url;
    private readonly MediaLimits _limits;
    private readonly FindingCollector _f;
    private readonly IReadOnlyDictionary<string, string>? _parentVariables;
    private readonly List<byte[]> _side = [];
    private Dictionary<string, string>? _vars;

    private int _line;
    private bool _sawExtM3U;
    private int _firstMultivariantLine;
    private string? _firstMultivariantTag;
    private int _firstMediaLine;
    private string? _firstMediaTag;

    // Tags that may appear at most once: the line of the first occurrence.
    private readonly Dictionary<string, int> _onceTags = new(StringComparer.Ordinal);

    private int? _version;
    private int _versionLine;
    private int _requiredVersion;
    private string? _requiredVersionReason;
    private int _requiredVersionLine;

    // Media playlist state.
    private SegmentRecord[] _segs;
    private int _segCount;
    private bool _hasExtinf;
    private double _pendingDuration;
    private int _extinfLine;
    private TextRef _pendingTitle = TextRef.None;
    private long _pendingRangeLength = -1;
    private long _pendingRangeOffset = -1;
    private int _pendingRangeLine;
    private SegmentFlags _pendingFlags;
    private long _pendingPdtTicks;
    private short _pendingPdtOffset;
    private int _bitrate;
    private int _discCount;
    private long _lastRangeEnd = -1;
    private int _currentKeySet;
    private readonly List<HlsKey[]> _keySets = [[]];
    private readonly List<HlsKey> _keyTags = [];
    private readonly List<HlsMap> _maps = [];
    private int _currentMap = -1;
    private int _segmentPartStart;
    private readonly List<HlsPart> _parts = [];
    private readonly Dictionary<string, long> _partRangeEnds = new(StringComparer.Ordinal);
    private readonly List<HlsDateRange> _dateRanges = [];
    private readonly List<HlsAdMarker> _adMarkers = [];
    private readonly List<HlsPreloadHint> _preloadHints = [];
    private readonly List<HlsRenditionReport> _renditionReports = [];
    private readonly List<HlsTag> _unknown = [];
    private int? _targetDuration;
    private int _targetDurationLine;
    private long _mediaSequence;
    private long _discontinuitySequence;
    private HlsPlaylistType _playlistType;
    private bool _endList;
    private int _endListLine;
    private bool _reportedAfterEndList;
    private bool _iframesOnly;
    private bool _independent;
    private HlsStart? _start;
    private double? _partTarget;
    private HlsServerControl? _serverControl;
    private HlsSkip? _skip;
    private bool _stopped;
    private int _firstMapLine;
    private int _extinfWithoutComma;
    private int _firstExtinfWithoutComma;

    // Multivariant state.
    private readonly List<HlsVariant> _variants = [];
    private readonly List<HlsIFrameStream> _iframes = [];
    private readonly List<HlsRendition> _renditions = [];
    private readonly List<HlsSessionData> _sessionData = [];
    private readonly List<HlsKey> _sessionKeys = [];
    private HlsContentSteering? _contentSteering;
    private Dictionary<string, AttributeValue>? _pendingStreamInf;
    private int _pendingStreamInfLine;

    private HlsParser(byte[] src, int len, Uri url, MediaLimits limits, IReadOnlyDictionary<string, string>? parentVariables)
    {
        _src = src;
        _len = len;
        _url = url;
        _limits = limits;
        _parentVariables = parentVariables;
        _f = new FindingCollector(url, limits.MaxFindings);

        // Size the segment table once: every segment has an EXTINF (those without are rare and reported), so
        // counting them (a vectorized scan) avoids the doubling copies and the large-object garbage they leave.
        var estimate = Math.Min(src.AsSpan(0, len).Count("#EXTINF"u8), Math.Max(0, limits.MaxSegments));
        _segs = new SegmentRecord[Math.Max(16, estimate + 1)];
    }

    /// <summary>Parses a whole playlist; never throws for any content.</summary>
    public static HlsParseResult Parse(ReadOnlySpan<byte> content, Uri url, MediaLimits limits, IReadOnlyDictionary<string, string>? parentVariables)
    {
        var truncated = content.Length > limits.MaxManifestBytes;
        var len = truncated ? Math.Max(0, limits.MaxManifestBytes) : content.Length;

        // The only copy of the source: every segment URI and title points into it.
        var src = content[..len].ToArray();
        var parser = new HlsParser(src, len, url, limits, parentVariables);
        if (truncated)
        {
            parser._f.Add(HlsFindingCodes.ManifestTooLarge, FindingSeverity.Error,
                Inv($"The playlist is {content.Length} bytes, over the {limits.MaxManifestBytes}-byte limit; only the first {len} bytes were analysed."));
        }

        parser.Run();
        return parser.Finish(content.Length);
    }

    private void Run()
    {
        var all = _src.AsSpan(0, _len);
        var pos = 0;
        if (all.StartsWith("\uFEFF"u8))
        {
            // RFC 8216bis 4.1: playlists MUST NOT contain a BOM; clients SHOULD fail to parse them. Most players tolerate it.
            _f.Add(HlsFindingCodes.Bom, FindingSeverity.Warning, "The playlist starts with a UTF-8 byte order mark, which RFC 8216bis 4.1 forbids; strict clients refuse it.", 1);
            pos = 3;
        }

        var firstContentLine = true;
        while (pos < _len && !_stopped)
        {
            _line++;
            var rest = all[pos..];
            var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
            int next;
            if (end < 0)
            {
                end = rest.Length;
                next = _len;
            }
            else
            {
                next = pos + end + 1;
                if (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n')
                {
                    next++;
                }
            }

            var line = rest[..end];
            pos = next;

            if (line.Length > _limits.MaxLineBytes)
            {
                _f.Add(HlsFindingCodes.LineTooLong, FindingSeverity.Error,
                    Inv($"Line {_line} is {line.Length} bytes, over the {_limits.MaxLineBytes}-byte limit; it was skipped."), _line);
                firstContentLine = false;
                continue;
            }

            // Trim by index so positions stay relative to the source (URIs are kept as positions).
            var lead = 0;
            while (lead < line.Length && IsSpace(line[lead]))
            {
                lead++;
            }

            var trail = line.Length;
            while (trail > lead && IsSpace(line[trail - 1]))
            {
                trail--;
            }

            if (trail == lead)
            {
                continue;
            }

            line = line[lead..trail];

            if (firstContentLine)
            {
                firstContentLine = false;
                if (line.SequenceEqual("#EXTM3U"u8))
                {
                    _sawExtM3U = true;
                    continue;
                }

                if (line.StartsWith("#EXTM3U"u8))
                {
                    _f.Add(HlsFindingCodes.MissingExtM3U, FindingSeverity.Error,
                        Inv($"The first line must be exactly #EXTM3U (RFC 8216bis 4.4.1.1) but is '{Excerpt(line)}'."), _line);
                    _sawExtM3U = true;
                    continue;
                }
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("#EXT"u8))
                {
                    Tag(line);
                }

                // Anything else starting with '#' is a comment.
                continue;
            }

            UriLine(line);
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\f' or (byte)'\v';

    private void Tag(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line[1..] : line[1..colon];
        var value = colon < 0 ? default : HlsText.Trim(line[(colon + 1)..]);
        var hasValue = colon >= 0;

        // The tags on every segment first: they decide the hot path's speed.
        if (name.SequenceEqual("EXTINF"u8))
        {
            Extinf(value);
        }
        else if (name.SequenceEqual("EXT-X-PROGRAM-DATE-TIME"u8))
        {
            ProgramDateTime(value);
        }
        else if (name.SequenceEqual("EXT-X-BYTERANGE"u8))
        {
            ByteRangeTag(value);
        }
        else if (name.SequenceEqual("EXT-X-PART"u8))
        {
            Part(value);
        }
        else if (name.SequenceEqual("EXT-X-DISCONTINUITY"u8))
        {
            MediaTag("EXT-X-DISCONTINUITY");
            _pendingFlags |= SegmentFlags.Discontinuity;
        }
        else if (name.SequenceEqual("EXT-X-GAP"u8))
        {
            MediaTag("EXT-X-GAP");
            _pendingFlags |= SegmentFlags.Gap;
        }
        else if (name.SequenceEqual("EXT-X-BITRATE"u8))
        {
            MediaTag("EXT-X-BITRATE");
            if (HlsText.TryParseInteger(value, out var kbps) && kbps <= int.MaxValue)
            {
                _bitrate = (int)kbps;
            }
            else
            {
                Invalid("EXT-X-BITRATE", value, "a decimal integer in kilobits per second");
            }
        }
        else if (name.SequenceEqual("EXT-X-KEY"u8))
        {
            Key(value);
        }
        else if (name.SequenceEqual("EXT-X-MAP"u8))
        {
            Map(value);
        }
        else if (name.SequenceEqual("EXT-X-DATERANGE"u8))
        {
            DateRange(value);
        }
        else if (name.SequenceEqual("EXT-X-CUE-OUT"u8))
        {
            AdMarker(HlsAdMarkerKind.CueOut, value, hasValue);
        }
        else if (name.SequenceEqual("EXT-X-CUE-OUT-CONT"u8))
        {
            AdMarker(HlsAdMarkerKind.CueOutCont, value, hasValue);
        }
        else if (name.SequenceEqual("EXT-X-CUE-IN"u8))
        {
            AdMarker(HlsAdMarkerKind.CueIn, value, hasValue);
        }
        else if (name.SequenceEqual("EXT-OATCLS-SCTE35"u8))
        {
            AdMarker(HlsAdMarkerKind.OatclsScte35, value, hasValue);
        }
        else if (name.SequenceEqual("EXT-X-SCTE35"u8))
        {
            AdMarker(HlsAdMarkerKind.Scte35, value, hasValue);
        }
        else if (name.SequenceEqual("EXT-X-PLACEMENT-OPPORTUNITY"u8))
        {
            AdMarker(HlsAdMarkerKind.PlacementOpportunity, value, hasValue);
        }
        else if (name.SequenceEqual("EXT-X-TARGETDURATION"u8))
        {
            TargetDuration(value);
        }
        else if (name.SequenceEqual("EXT-X-MEDIA-SEQUENCE"u8))
        {
            MediaSequenceTag(value);
        }
        else if (name.SequenceEqual("EXT-X-DISCONTINUITY-SEQUENCE"u8))
        {
            DiscontinuitySequenceTag(value);
        }
        else if (name.SequenceEqual("EXT-X-ENDLIST"u8))
        {
            MediaTag("EXT-X-ENDLIST");
            Once("EXT-X-ENDLIST");
            _endList = true;
            _endListLine = _endListLine == 0 ? _line : _endListLine;
        }
        else if (name.SequenceEqual("EXT-X-PLAYLIST-TYPE"u8))
        {
            MediaTag("EXT-X-PLAYLIST-TYPE");
            Once("EXT-X-PLAYLIST-TYPE");
            if (value.SequenceEqual("VOD"u8))
            {
                _playlistType = HlsPlaylistType.Vod;
            }
            else if (value.SequenceEqual("EVENT"u8))
            {
                _playlistType = HlsPlaylistType.Event;
            }
            else
            {
                Invalid("EXT-X-PLAYLIST-TYPE", value, "EVENT or VOD");
            }
        }
        else if (name.SequenceEqual("EXT-X-I-FRAMES-ONLY"u8))
        {
            MediaTag("EXT-X-I-FRAMES-ONLY");
            Once("EXT-X-I-FRAMES-ONLY");
            RequireVersion(4, "EXT-X-I-FRAMES-ONLY");
            _iframesOnly = true;
        }
        else if (name.SequenceEqual("EXT-X-PART-INF"u8))
        {
            PartInf(value);
        }
        else if (name.SequenceEqual("EXT-X-SERVER-CONTROL"u8))
        {
            ServerControl(value);
        }
        else if (name.SequenceEqual("EXT-X-SKIP"u8))
        {
            SkipTag(value);
        }
        else if (name.SequenceEqual("EXT-X-PRELOAD-HINT"u8))
        {
            PreloadHint(value);
        }
        else if (name.SequenceEqual("EXT-X-RENDITION-REPORT"u8))
        {
            RenditionReport(value);
        }
        else if (name.SequenceEqual("EXT-X-VERSION"u8))
        {
            VersionTag(value);
        }
        else if (name.SequenceEqual("EXT-X-INDEPENDENT-SEGMENTS"u8))
        {
            Once("EXT-X-INDEPENDENT-SEGMENTS");
            _independent = true;
        }
        else if (name.SequenceEqual("EXT-X-START"u8))
        {
            StartTag(value);
        }
        else if (name.SequenceEqual("EXT-X-DEFINE"u8))
        {
            Define(value);
        }
        else if (name.SequenceEqual("EXT-X-STREAM-INF"u8))
        {
            StreamInf(value);
        }
        else if (name.SequenceEqual("EXT-X-I-FRAME-STREAM-INF"u8))
        {
            IFrameStreamInf(value);
        }
        else if (name.SequenceEqual("EXT-X-MEDIA"u8))
        {
            Media(value);
        }
        else if (name.SequenceEqual("EXT-X-SESSION-DATA"u8))
        {
            SessionData(value);
        }
        else if (name.SequenceEqual("EXT-X-SESSION-KEY"u8))
        {
            SessionKey(value);
        }
        else if (name.SequenceEqual("EXT-X-CONTENT-STEERING"u8))
        {
            ContentSteering(value);
        }
        else if (name.SequenceEqual("EXTM3U"u8))
        {
            if (_sawExtM3U)
            {
                _f.Add(HlsFindingCodes.DuplicateTag, FindingSeverity.Warning, Inv($"#EXTM3U appears again on line {_line}; it belongs on the first line only."), _line);
            }
            else
            {
                _f.Add(HlsFindingCodes.ExtM3UNotFirst, FindingSeverity.Error, Inv($"#EXTM3U is on line {_line}; RFC 8216bis 4.4.1.1 requires it on the first line, and strict clients reject the playlist."), _line);
                _sawExtM3U = true;
            }
        }
        else
        {
            _unknown.Add(new HlsTag(HlsText.Decode(name), hasValue ? HlsText.Decode(value) : null, _line, _segCount));
        }
    }

    private void UriLine(ReadOnlySpan<byte> line)
    {
        if (_pendingStreamInf is not null)
        {
            Variant(line);
            return;
        }

        if (_segCount >= _limits.MaxSegments)
        {
            _f.Add(HlsFindingCodes.TooManySegments, FindingSeverity.Error,
                Inv($"The playlist lists more than {_limits.MaxSegments} segments; analysis stopped at line {_line}."), _line);
            _stopped = true;
            return;
        }

        MediaTag("segment URI");
        var flags = _pendingFlags;
        double duration;
        if (_hasExtinf)
        {
            duration = _pendingDuration;
        }
        else
        {
            // Players (and the videojs/hls.js models) keep such a segment and assume the target duration.
            flags |= SegmentFlags.MissingExtinf;
            duration = _targetDuration ?? 0;
            _f.Add(HlsFindingCodes.UriWithoutExtInf, FindingSeverity.Error,
                Inv($"Segment URI '{Excerpt(line)}' on line {_line} has no EXTINF before it (RFC 8216bis 4.4.4.1 requires one per segment)."), _line);
        }

        if (_endList && !_reportedAfterEndList)
        {
            _reportedAfterEndList = true;
            _f.Add(HlsFindingCodes.SegmentAfterEndlist, FindingSeverity.Error,
                Inv($"Segment '{Excerpt(line)}' on line {_line} comes after EXT-X-ENDLIST (line {_endListLine}); players stop at ENDLIST and will not play it."), _line);
        }

        if (_endList)
        {
            flags |= SegmentFlags.AfterEndList;
        }

        var uri = MakeUriRef(line);

        if (_segCount == _segs.Length)
        {
            Array.Resize(ref _segs, _segs.Length * 2);
        }

        ref var rec = ref _segs[_segCount];
        rec.Duration = duration;
        rec.Uri = uri;
        rec.Title = _hasExtinf ? _pendingTitle : TextRef.None;
        rec.Line = _line;
        rec.Bitrate = _bitrate;
        rec.KeySet = _currentKeySet;
        rec.Map = _currentMap;
        if ((flags & SegmentFlags.Discontinuity) != 0)
        {
            _discCount++;
        }

        rec.DiscontinuityCount = _discCount;
        rec.FirstPart = _segmentPartStart;
        rec.PartCount = (short)Math.Min(short.MaxValue, _parts.Count - _segmentPartStart);
        _segmentPartStart = _parts.Count;

        ResolveSegmentByteRange(ref rec, uri);
        ResolveSegmentDate(ref rec, ref flags);
        rec.Flags = flags;

        _segCount++;
        _hasExtinf = false;
        _pendingTitle = TextRef.None;
        _pendingFlags = SegmentFlags.None;
        _pendingRangeLength = -1;
        _pendingRangeOffset = -1;
        _pendingPdtTicks = 0;
    }

    private void ResolveSegmentByteRange(ref SegmentRecord rec, TextRef uri)
    {
        if (_pendingRangeLength < 0)
        {
            rec.ByteRangeLength = -1;
            _lastRangeEnd = -1;
            return;
        }

        long offset;
        if (_pendingRangeOffset >= 0)
        {
            offset = _pendingRangeOffset;
        }
        else
        {
            // RFC 8216bis 4.4.4.2: without an offset the range continues the previous segment's range,
            // and that segment MUST be a sub-range of the same resource.
            var previousSameUri = _segCount > 0 && _lastRangeEnd >= 0 && SameUri(_segs[_segCount - 1].Uri, uri);
            if (!previousSameUri)
            {
                var why = _segCount == 0 || _lastRangeEnd < 0
                    ? "the previous segment has no byte range"
                    : "the previous segment is a different resource";
                _f.Add(HlsFindingCodes.ByteRangeNoPrevious, FindingSeverity.Error,
                    Inv($"EXT-X-BYTERANGE on line {_pendingRangeLine} has no offset but {why}; the offset is undefined (assumed {Math.Max(0, _lastRangeEnd)})."),
                    _pendingRangeLine);
            }

            offset = Math.Max(0, _lastRangeEnd);
        }

        rec.ByteRangeLength = _pendingRangeLength;
        rec.ByteRangeOffset = offset;
        _lastRangeEnd = offset + _pendingRangeLength;
        RequireVersion(4, "EXT-X-BYTERANGE", _pendingRangeLine);
    }

    private void ResolveSegmentDate(ref SegmentRecord rec, ref SegmentFlags flags)
    {
        if (_pendingPdtTicks != 0)
        {
            rec.PdtUtcTicks = _pendingPdtTicks;
            rec.PdtOffsetMinutes = _pendingPdtOffset;
            flags |= SegmentFlags.ExplicitProgramDateTime;
            return;
        }

        // Extrapolate from the previous segment unless a discontinuity breaks the timeline.
        if (_segCount > 0 && (flags & SegmentFlags.Discontinuity) == 0)
        {
            ref var prev = ref _segs[_segCount - 1];
            if (prev.PdtUtcTicks != 0)
            {
                var ticks = prev.PdtUtcTicks + (long)Math.Round(prev.Duration * TimeSpan.TicksPerSecond);
                if (ticks > 0 && ticks < DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay)
                {
                    rec.PdtUtcTicks = ticks;
                    rec.PdtOffsetMinutes = prev.PdtOffsetMinutes;
                    return;
                }
            }
        }

        rec.PdtUtcTicks = 0;
        rec.PdtOffsetMinutes = 0;
    }

    private bool SameUri(TextRef previous, TextRef current) => Bytes(previous).SequenceEqual(Bytes(current));

    private ReadOnlySpan<byte> Bytes(TextRef text) => text.Start >= 0 ? _src.AsSpan(text.Start, text.Length) : _side[~text.Start];

    private TextRef MakeUriRef(ReadOnlySpan<byte> trimmedLine)
    {
        if (trimmedLine.IndexOf("{$"u8) >= 0)
        {
            _side.Add(Substitute(trimmedLine));
            return TextRef.Side(_side.Count - 1);
        }

        return new TextRef(OffsetOf(trimmedLine), trimmedLine.Length);
    }

    private void Extinf(ReadOnlySpan<byte> value)
    {
        MediaTag("EXTINF");
        if (_hasExtinf)
        {
            _f.Add(HlsFindingCodes.ExtInfWithoutUri, FindingSeverity.Error,
                Inv($"EXTINF on line {_extinfLine} is not followed by a segment URI before the next EXTINF on line {_line}."), _extinfLine);
        }

        _hasExtinf = true;
        _extinfLine = _line;
        var comma = value.IndexOf((byte)',');
        var number = HlsText.Trim(comma < 0 ? value : value[..comma]);
        if (comma < 0)
        {
            // Reported once at the end with a count: encoders that omit it do so on every segment.
            _extinfWithoutComma++;
            _firstExtinfWithoutComma = _firstExtinfWithoutComma == 0 ? _line : _firstExtinfWithoutComma;
            _pendingTitle = TextRef.None;
        }
        else
        {
            var titleStart = comma + 1;
            var title = value[titleStart..];
            var t = HlsText.Trim(title);
            if (t.IsEmpty)
            {
                _pendingTitle = TextRef.None;
            }
            else
            {
                _pendingTitle = new TextRef(OffsetOf(t), t.Length);
            }
        }

        if (!HlsText.TryParseDouble(number, out var duration) || duration < 0)
        {
            _f.Add(HlsFindingCodes.ExtInfInvalid, FindingSeverity.Error,
                Inv($"EXTINF on line {_line} has duration '{Excerpt(number)}', which is not a non-negative decimal number."), _line);
            duration = 0;
        }
        else if (number.IndexOf((byte)'.') >= 0)
        {
            RequireVersion(3, "a decimal-floating-point EXTINF duration");
        }

        _pendingDuration = duration;
    }

    // Position of a slice of the source within it: lines and values are slices of _src, so this is exact.
    private int OffsetOf(ReadOnlySpan<byte> inner)
        => (int)System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_src),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(inner));

    private void ProgramDateTime(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-PROGRAM-DATE-TIME");
        if (HlsText.TryParseDate(value, out var date))
        {
            _pendingPdtTicks = date.UtcTicks;
            _pendingPdtOffset = (short)date.Offset.TotalMinutes;
        }
        else
        {
            _f.Add(HlsFindingCodes.DateInvalid, FindingSeverity.Error,
                Inv($"EXT-X-PROGRAM-DATE-TIME on line {_line} has '{Excerpt(value)}', which is not an ISO 8601 date-time."), _line);
        }
    }

    private void ByteRangeTag(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-BYTERANGE");
        _pendingRangeLine = _line;
        if (TryParseByteRange(value, out var length, out var offset))
        {
            _pendingRangeLength = length;
            _pendingRangeOffset = offset;
        }
        else
        {
            _f.Add(HlsFindingCodes.ByteRangeInvalid, FindingSeverity.Error,
                Inv($"EXT-X-BYTERANGE on line {_line} has '{Excerpt(value)}'; expected <length>[@<offset>] in decimal."), _line);

            // A bad offset still leaves a usable length: keep it and treat the offset as omitted.
            var at = value.IndexOf((byte)'@');
            if (at > 0 && HlsText.TryParseInteger(value[..at], out var len))
            {
                _pendingRangeLength = len;
                _pendingRangeOffset = -1;
            }
        }
    }

    /// <summary>Parses <c>n[@o]</c>; the offset is -1 when omitted.</summary>
    internal static bool TryParseByteRange(ReadOnlySpan<byte> value, out long length, out long offset)
    {
        offset = -1;
        var at = value.IndexOf((byte)'@');
        if (at < 0)
        {
            return HlsText.TryParseInteger(value, out length);
        }

        return HlsText.TryParseInteger(value[..at], out length) & HlsText.TryParseInteger(value[(at + 1)..], out offset);
    }

    private void TargetDuration(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-TARGETDURATION");
        Once("EXT-X-TARGETDURATION");
        _targetDurationLine = _line;
        if (HlsText.TryParseInteger(value, out var t) && t <= int.MaxValue)
        {
            _targetDuration = (int)t;
        }
        else if (HlsText.TryParseDouble(value, out var d) && d is >= 0 and <= int.MaxValue)
        {
            // "6.0" is not a decimal-integer, but its meaning is clear; keep it (rounded up, so no segment is
            // wrongly flagged as too long) so reload timing and duration checks still work.
            _targetDuration = (int)Math.Ceiling(d);
            _f.Add(HlsFindingCodes.TargetDurationInvalid, FindingSeverity.Error,
                Inv($"EXT-X-TARGETDURATION on line {_line} is '{Excerpt(value)}'; it must be a decimal integer number of seconds ({_targetDuration} is assumed)."), _line);
        }
        else
        {
            _f.Add(HlsFindingCodes.TargetDurationInvalid, FindingSeverity.Error,
                Inv($"EXT-X-TARGETDURATION on line {_line} is '{Excerpt(value)}'; it must be a decimal integer number of seconds."), _line);
        }
    }

    private void MediaSequenceTag(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-MEDIA-SEQUENCE");
        Once("EXT-X-MEDIA-SEQUENCE");
        if (_segCount > 0)
        {
            _f.Add(HlsFindingCodes.MediaSequenceAfterSegment, FindingSeverity.Error,
                Inv($"EXT-X-MEDIA-SEQUENCE:{Excerpt(value)} on line {_line} comes after the first segment (line {_segs[0].Line}); it must appear before the first media segment."), _line);
        }

        if (!HlsText.TryParseSignedInteger(value, out var n))
        {
            Invalid("EXT-X-MEDIA-SEQUENCE", value, "a decimal integer");
            return;
        }

        if (n < 0)
        {
            _f.Add(HlsFindingCodes.MediaSequenceNegative, FindingSeverity.Error,
                Inv($"EXT-X-MEDIA-SEQUENCE on line {_line} is {n}; media sequence numbers are unsigned integers."), _line);
        }

        _mediaSequence = n;
    }

    private void DiscontinuitySequenceTag(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-DISCONTINUITY-SEQUENCE");
        Once("EXT-X-DISCONTINUITY-SEQUENCE");
        if (_segCount > 0 || _discCount > 0 || (_pendingFlags & SegmentFlags.Discontinuity) != 0)
        {
            _f.Add(HlsFindingCodes.DiscontinuitySequenceAfterSegment, FindingSeverity.Error,
                Inv($"EXT-X-DISCONTINUITY-SEQUENCE on line {_line} comes after a media segment or EXT-X-DISCONTINUITY; it must precede both."), _line);
        }

        if (HlsText.TryParseInteger(value, out var n))
        {
            _discontinuitySequence = n;
        }
        else
        {
            Invalid("EXT-X-DISCONTINUITY-SEQUENCE", value, "a non-negative decimal integer");
        }
    }

    private void VersionTag(ReadOnlySpan<byte> value)
    {
        Once("EXT-X-VERSION");
        if (HlsText.TryParseInteger(value, out var v) && v is >= 1 and <= 1000)
        {
            _version = (int)v;
            _versionLine = _line;
        }
        else
        {
            Invalid("EXT-X-VERSION", value, "a protocol version number");
        }
    }

    private void StartTag(ReadOnlySpan<byte> value)
    {
        Once("EXT-X-START");
        var a = Attributes("EXT-X-START", value);
        var offset = Double(a, "EXT-X-START", "TIME-OFFSET", required: true);
        _start = new HlsStart(offset ?? 0, Bool(a, "EXT-X-START", "PRECISE"), _line);
    }

    private void PartInf(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-PART-INF");
        Once("EXT-X-PART-INF");
        var a = Attributes("EXT-X-PART-INF", value);
        _partTarget = Double(a, "EXT-X-PART-INF", "PART-TARGET", required: true);
    }

    private void ServerControl(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-SERVER-CONTROL");
        Once("EXT-X-SERVER-CONTROL");
        var a = Attributes("EXT-X-SERVER-CONTROL", value);
        _serverControl = new HlsServerControl(
            Double(a, "EXT-X-SERVER-CONTROL", "CAN-SKIP-UNTIL"),
            Bool(a, "EXT-X-SERVER-CONTROL", "CAN-SKIP-DATERANGES"),
            Double(a, "EXT-X-SERVER-CONTROL", "HOLD-BACK"),
            Double(a, "EXT-X-SERVER-CONTROL", "PART-HOLD-BACK"),
            Bool(a, "EXT-X-SERVER-CONTROL", "CAN-BLOCK-RELOAD"),
            _line);
    }

    private void SkipTag(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-SKIP");
        Once("EXT-X-SKIP");
        RequireVersion(9, "EXT-X-SKIP");
        if (_segCount > 0)
        {
            _f.Add(HlsFindingCodes.SkipAfterSegment, FindingSeverity.Error, Inv($"EXT-X-SKIP on line {_line} comes after a segment; it replaces the first segments, so it must precede them."), _line);
        }

        var a = Attributes("EXT-X-SKIP", value);
        var skipped = Integer(a, "EXT-X-SKIP", "SKIPPED-SEGMENTS", required: true) ?? 0;
        var removed = new List<string>();
        var list = String(a, "RECENTLY-REMOVED-DATERANGES");
        if (list is not null)
        {
            RequireVersion(10, "EXT-X-SKIP RECENTLY-REMOVED-DATERANGES");
            foreach (var id in list.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                removed.Add(id);
            }
        }

        _skip = new HlsSkip(skipped, removed, _line);
    }

    private void Part(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-PART");
        var a = Attributes("EXT-X-PART", value);
        var uri = String(a, "URI");
        var duration = Double(a, "EXT-X-PART", "DURATION", required: true) ?? 0;
        if (uri is null)
        {
            Missing("EXT-X-PART", "URI");
            uri = string.Empty;
        }

        HlsByteRange? range = null;
        var br = String(a, "BYTERANGE");
        if (br is not null)
        {
            if (TryParseByteRange(Encoding.UTF8.GetBytes(br), out var len, out var off))
            {
                if (off < 0)
                {
                    // Same rule as segments: continue the previous part's range of the same resource.
                    if (!_partRangeEnds.TryGetValue(uri, out off))
                    {
                        _f.Add(HlsFindingCodes.ByteRangeNoPrevious, FindingSeverity.Error,
                            Inv($"EXT-X-PART BYTERANGE=\"{br}\" on line {_line} has no offset but no earlier part of '{uri}' has a byte range."), _line);
                        off = 0;
                    }
                }

                range = new HlsByteRange(len, off);
                _partRangeEnds[uri] = off + len;
            }
            else
            {
                Invalid("EXT-X-PART", "BYTERANGE", br, "<length>[@<offset>]");
            }
        }

        var segmentIndex = _segCount;
        var index = _parts.Count - _segmentPartStart;
        var msn = _mediaSequence + segmentIndex;
        _parts.Add(new HlsPart(msn, index, duration, uri, _url, Bool(a, "EXT-X-PART", "INDEPENDENT"), Bool(a, "EXT-X-PART", "GAP"), range, _line));
    }

    private void PreloadHint(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-PRELOAD-HINT");
        var a = Attributes("EXT-X-PRELOAD-HINT", value);
        var type = String(a, "TYPE");
        var uri = String(a, "URI");
        if (type is null)
        {
            Missing("EXT-X-PRELOAD-HINT", "TYPE");
        }
        else if (type is not ("PART" or "MAP"))
        {
            Invalid("EXT-X-PRELOAD-HINT", "TYPE", type, "PART or MAP");
        }

        if (uri is null)
        {
            Missing("EXT-X-PRELOAD-HINT", "URI");
        }

        _preloadHints.Add(new HlsPreloadHint(type ?? string.Empty, uri ?? string.Empty, uri is null ? null : HlsUris.Resolve(_url, uri),
            Integer(a, "EXT-X-PRELOAD-HINT", "BYTERANGE-START"), Integer(a, "EXT-X-PRELOAD-HINT", "BYTERANGE-LENGTH"), _line));
    }

    private void RenditionReport(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-RENDITION-REPORT");
        var a = Attributes("EXT-X-RENDITION-REPORT", value);
        var uri = String(a, "URI");
        if (uri is null)
        {
            Missing("EXT-X-RENDITION-REPORT", "URI");
        }

        _renditionReports.Add(new HlsRenditionReport(uri ?? string.Empty, uri is null ? null : HlsUris.Resolve(_url, uri),
            Integer(a, "EXT-X-RENDITION-REPORT", "LAST-MSN"), Integer(a, "EXT-X-RENDITION-REPORT", "LAST-PART"), _line));
    }

    private void Key(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-KEY");
        var key = ParseKey("EXT-X-KEY", value);
        if (key is null)
        {
            return;
        }

        _keyTags.Add(key);

        // RFC 8216bis 4.4.4.4: a new key replaces the one with the same KEYFORMAT; METHOD=NONE ends all of them.
        HlsKey[] set;
        if (key.IsNone)
        {
            set = [];
        }
        else
        {
            var current = _keySets[_currentKeySet];
            var list = new List<HlsKey>(current.Length + 1);
            foreach (var k in current)
            {
                if (!string.Equals(k.KeyFormat, key.KeyFormat, StringComparison.Ordinal))
                {
                    list.Add(k);
                }
            }

            list.Add(key);
            set = [.. list];
        }

        _keySets.Add(set);
        _currentKeySet = set.Length == 0 ? 0 : _keySets.Count - 1;
    }

    private HlsKey? ParseKey(string tag, ReadOnlySpan<byte> value)
    {
        var a = Attributes(tag, value);
        var method = String(a, "METHOD");
        if (method is null)
        {
            Missing(tag, "METHOD");
            return null;
        }

        var uri = String(a, "URI");
        var isNone = method == "NONE";
        if (isNone && tag == "EXT-X-SESSION-KEY")
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error, Inv($"EXT-X-SESSION-KEY on line {_line} has METHOD=NONE, which the tag does not allow."), _line);
        }

        if (!isNone && uri is null)
        {
            _f.Add(HlsFindingCodes.AttributeMissing, FindingSeverity.Error,
                Inv($"{tag} on line {_line} has METHOD={method} but no URI; a key URI is required unless METHOD is NONE."), _line);
        }

        if (isNone && (uri is not null || a.ContainsKey("IV") || a.ContainsKey("KEYFORMAT")))
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Warning,
                Inv($"{tag} on line {_line} has METHOD=NONE with other attributes; they must be absent."), _line);
        }

        var iv = String(a, "IV");
        if (iv is not null)
        {
            RequireVersion(2, "the IV attribute of EXT-X-KEY");
            // A shorter sequence is still a 128-bit integer with its leading zeros left out.
            if (!HlsText.IsHexSequence(Encoding.UTF8.GetBytes(iv)) || iv.Length > 34)
            {
                Invalid(tag, "IV", iv, "a 128-bit hexadecimal sequence (0x followed by up to 32 hex digits)");
            }
        }

        var format = String(a, "KEYFORMAT");
        var versions = String(a, "KEYFORMATVERSIONS");
        if (format is not null || versions is not null)
        {
            RequireVersion(5, "KEYFORMAT/KEYFORMATVERSIONS");
        }

        return new HlsKey(method, uri, uri is null ? null : HlsUris.Resolve(_url, uri), iv, format ?? "identity", versions, _line);
    }

    private void Map(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-MAP");
        var a = Attributes("EXT-X-MAP", value);
        var uri = String(a, "URI");
        if (uri is null)
        {
            Missing("EXT-X-MAP", "URI");
            return;
        }

        HlsByteRange? range = null;
        var br = String(a, "BYTERANGE");
        if (br is not null)
        {
            if (TryParseByteRange(Encoding.UTF8.GetBytes(br), out var len, out var off) && off >= 0)
            {
                range = new HlsByteRange(len, off);
            }
            else
            {
                // Unlike segments, a MAP byte range has no previous range to continue: the offset is required.
                Invalid("EXT-X-MAP", "BYTERANGE", br, "<length>@<offset> with an explicit offset");
            }
        }

        _maps.Add(new HlsMap(uri, HlsUris.Resolve(_url, uri), range, _keySets[_currentKeySet], _line));
        _currentMap = _maps.Count - 1;
        _firstMapLine = _firstMapLine == 0 ? _line : _firstMapLine;
    }

    private void DateRange(ReadOnlySpan<byte> value)
    {
        MediaTag("EXT-X-DATERANGE");
        var a = Attributes("EXT-X-DATERANGE", value);
        var id = String(a, "ID");
        if (id is null)
        {
            Missing("EXT-X-DATERANGE", "ID");
        }

        var start = Date(a, "EXT-X-DATERANGE", "START-DATE");
        if (!a.ContainsKey("START-DATE"))
        {
            // RFC 8216bis 4.4.5.1: START-DATE is REQUIRED (hls.js tolerates its absence for CUE=ONCE interstitials).
            Missing("EXT-X-DATERANGE", "START-DATE");
        }

        var end = Date(a, "EXT-X-DATERANGE", "END-DATE");
        var duration = Double(a, "EXT-X-DATERANGE", "DURATION");
        var planned = Double(a, "EXT-X-DATERANGE", "PLANNED-DURATION");
        var endOnNext = Bool(a, "EXT-X-DATERANGE", "END-ON-NEXT");
        var @class = String(a, "CLASS");
        if (duration < 0 || planned < 0)
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error, Inv($"EXT-X-DATERANGE ID=\"{id}\" on line {_line} has a negative DURATION or PLANNED-DURATION."), _line);
        }

        if (start is not null && end is not null && end < start)
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error,
                Inv($"EXT-X-DATERANGE ID=\"{id}\" on line {_line} ends ({end:O}) before it starts ({start:O})."), _line);
        }

        if (endOnNext && (@class is null || a.ContainsKey("DURATION") || a.ContainsKey("END-DATE")))
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error,
                Inv($"EXT-X-DATERANGE ID=\"{id}\" on line {_line} has END-ON-NEXT=YES, which needs a CLASS and forbids DURATION and END-DATE."), _line);
        }

        var attributes = new Dictionary<string, string>(a.Count, StringComparer.Ordinal);
        foreach (var kv in a)
        {
            attributes[kv.Key] = kv.Value.Value;
        }

        var range = new HlsDateRange(id ?? string.Empty, @class, start, end, duration, planned, endOnNext, String(a, "CUE"),
            String(a, "SCTE35-CMD"), String(a, "SCTE35-OUT"), String(a, "SCTE35-IN"), attributes, _segCount, _line);
        if (range.IsInterstitial && !a.ContainsKey("X-ASSET-URI") && !a.ContainsKey("X-ASSET-LIST"))
        {
            _f.Add(HlsFindingCodes.AttributeMissing, FindingSeverity.Error,
                Inv($"Interstitial EXT-X-DATERANGE ID=\"{id}\" on line {_line} has neither X-ASSET-URI nor X-ASSET-LIST; exactly one is required."), _line);
        }

        if (range.Id.Length > 0 && _dateRangesById.TryGetValue(range.Id, out var earlier))
        {
            // RFC 8216bis 4.4.5.1: tags with the same ID describe one range; shared attributes must agree.
            foreach (var kv in attributes)
            {
                if (earlier.Attributes.TryGetValue(kv.Key, out var before) && before != kv.Value)
                {
                    _f.Add(HlsFindingCodes.DateRangeConflict, FindingSeverity.Error,
                        Inv($"EXT-X-DATERANGE ID=\"{range.Id}\" on line {_line} gives {kv.Key}={kv.Value} but line {earlier.Line} gave {before}; repeated IDs must agree."), _line);
                    break;
                }
            }
        }
        else if (range.Id.Length > 0)
        {
            _dateRangesById[range.Id] = range;
        }

        _dateRanges.Add(range);
    }

    private readonly Dictionary<string, HlsDateRange> _dateRangesById = new(StringComparer.Ordinal);

    private void AdMarker(HlsAdMarkerKind kind, ReadOnlySpan<byte> value, bool hasValue)
    {
        MediaTag("ad marker");
        double? duration = null;
        if (hasValue && !value.IsEmpty)
        {
            if (kind == HlsAdMarkerKind.CueOutCont)
            {
                // "elapsed/duration" (Elemental, Wowza) or ElapsedTime=..,Duration=.. (AWS).
                var slash = value.IndexOf((byte)'/');
                if (slash >= 0 && HlsText.TryParseDouble(HlsText.Trim(value[(slash + 1)..]), out var d))
                {
                    duration = d;
                }
            }

            if (duration is null && HlsText.TryParseDouble(value, out var plain))
            {
                duration = plain;
            }

            if (duration is null)
            {
                var reader = new AttributeReader(value);
                while (reader.Next(out var n, out var v, out _))
                {
                    if (n.SequenceEqual("DURATION"u8) || n.SequenceEqual("Duration"u8))
                    {
                        if (HlsText.TryParseDouble(v, out var d))
                        {
                            duration = d;
                        }
                    }
                }
            }
        }

        _adMarkers.Add(new HlsAdMarker(kind, hasValue ? HlsText.Decode(value) : null, duration, _segCount, _line));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(ReadOnlySpan<byte> s)
    {
        const int Max = 120;
        var text = HlsText.Decode(s.Length > Max ? s[..Max] : s);
        return s.Length > Max ? text + "…" : text;
    }
}
