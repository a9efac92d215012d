namespace StreamWatch.Media.Hls;

/// <summary>
/// The stable finding codes of the HLS engine: <c>HLS-</c> for one playlist (and cross-checks across a
/// multivariant playlist's media playlists), <c>LIVE-</c> for continuity between two polls. Codes never change meaning;
/// new ones are added. Severity is stated per code.
/// </summary>
public static class HlsFindingCodes
{
    /// <summary><c>HLS-MISSING-EXTM3U</c>: The first line is not exactly #EXTM3U (RFC 8216bis 4.4.1.1). Error.</summary>
    public const string MissingExtM3U = "HLS-MISSING-EXTM3U";

    /// <summary><c>HLS-EXTM3U-NOT-FIRST</c>: #EXTM3U appears, but not on the first line. Error.</summary>
    public const string ExtM3UNotFirst = "HLS-EXTM3U-NOT-FIRST";

    /// <summary><c>HLS-EMPTY</c>: The body is empty. Error.</summary>
    public const string Empty = "HLS-EMPTY";

    /// <summary><c>HLS-BOM</c>: The playlist starts with a byte order mark, which RFC 8216bis 4.1 forbids. Warning.</summary>
    public const string Bom = "HLS-BOM";

    /// <summary><c>HLS-MANIFEST-TOO-LARGE</c>: The body exceeds MediaLimits.MaxManifestBytes; only the prefix was analysed. Error.</summary>
    public const string ManifestTooLarge = "HLS-MANIFEST-TOO-LARGE";

    /// <summary><c>HLS-LINE-TOO-LONG</c>: A line exceeds MediaLimits.MaxLineBytes and was skipped. Error.</summary>
    public const string LineTooLong = "HLS-LINE-TOO-LONG";

    /// <summary><c>HLS-TOO-MANY-SEGMENTS</c>: More segments than MediaLimits.MaxSegments; analysis stopped there. Error.</summary>
    public const string TooManySegments = "HLS-TOO-MANY-SEGMENTS";

    /// <summary><c>HLS-TOO-MANY-FINDINGS</c>: Findings past MediaLimits.MaxFindings were dropped; the message says how many. Warning.</summary>
    public const string TooManyFindings = "HLS-TOO-MANY-FINDINGS";

    /// <summary><c>HLS-EXTINF-EXCEEDS-TARGET</c>: A segment's EXTINF duration, rounded to the nearest integer, exceeds EXT-X-TARGETDURATION (RFC 8216bis 4.4.3.1). Error.</summary>
    public const string ExtInfExceedsTarget = "HLS-EXTINF-EXCEEDS-TARGET";

    /// <summary><c>HLS-EXTINF-INVALID</c>: An EXTINF duration is not a non-negative decimal number. Error.</summary>
    public const string ExtInfInvalid = "HLS-EXTINF-INVALID";

    /// <summary><c>HLS-EXTINF-SYNTAX</c>: EXTINF tags lack the comma after the duration; one finding counts them. Warning.</summary>
    public const string ExtInfSyntax = "HLS-EXTINF-SYNTAX";

    /// <summary><c>HLS-EXTINF-WITHOUT-URI</c>: An EXTINF is not followed by a segment URI. Error.</summary>
    public const string ExtInfWithoutUri = "HLS-EXTINF-WITHOUT-URI";

    /// <summary><c>HLS-URI-WITHOUT-EXTINF</c>: A segment URI has no EXTINF before it. Error.</summary>
    public const string UriWithoutExtInf = "HLS-URI-WITHOUT-EXTINF";

    /// <summary><c>HLS-SEGMENT-AFTER-ENDLIST</c>: Segments follow EXT-X-ENDLIST; players never play them. Error.</summary>
    public const string SegmentAfterEndlist = "HLS-SEGMENT-AFTER-ENDLIST";

    /// <summary><c>HLS-TARGETDURATION-MISSING</c>: A media playlist has no EXT-X-TARGETDURATION. Error.</summary>
    public const string TargetDurationMissing = "HLS-TARGETDURATION-MISSING";

    /// <summary><c>HLS-TARGETDURATION-INVALID</c>: EXT-X-TARGETDURATION is not a decimal integer. Error.</summary>
    public const string TargetDurationInvalid = "HLS-TARGETDURATION-INVALID";

    /// <summary><c>HLS-DUPLICATE-TAG</c>: A tag that may appear once appears again (TARGETDURATION, MEDIA-SEQUENCE, ...); the last value is used. Error.</summary>
    public const string DuplicateTag = "HLS-DUPLICATE-TAG";

    /// <summary><c>HLS-MEDIA-SEQUENCE-AFTER-SEGMENT</c>: EXT-X-MEDIA-SEQUENCE comes after the first segment. Error.</summary>
    public const string MediaSequenceAfterSegment = "HLS-MEDIA-SEQUENCE-AFTER-SEGMENT";

    /// <summary><c>HLS-MEDIA-SEQUENCE-NEGATIVE</c>: EXT-X-MEDIA-SEQUENCE is negative. Error.</summary>
    public const string MediaSequenceNegative = "HLS-MEDIA-SEQUENCE-NEGATIVE";

    /// <summary><c>HLS-DISCONTINUITY-SEQUENCE-AFTER-SEGMENT</c>: EXT-X-DISCONTINUITY-SEQUENCE comes after a segment or EXT-X-DISCONTINUITY. Error.</summary>
    public const string DiscontinuitySequenceAfterSegment = "HLS-DISCONTINUITY-SEQUENCE-AFTER-SEGMENT";

    /// <summary><c>HLS-TAG-INVALID</c>: A tag's value is malformed (EXT-X-PLAYLIST-TYPE, EXT-X-VERSION, EXT-X-BITRATE, ...). Error.</summary>
    public const string TagInvalid = "HLS-TAG-INVALID";

    /// <summary><c>HLS-ATTRIBUTE-MISSING</c>: A required attribute is missing (STREAM-INF BANDWIDTH, MEDIA TYPE/GROUP-ID/NAME, KEY URI unless METHOD=NONE, ...). Error.</summary>
    public const string AttributeMissing = "HLS-ATTRIBUTE-MISSING";

    /// <summary><c>HLS-ATTRIBUTE-INVALID</c>: An attribute value is invalid for its type or combination. Error (Warning for tolerated cases).</summary>
    public const string AttributeInvalid = "HLS-ATTRIBUTE-INVALID";

    /// <summary><c>HLS-ATTRIBUTE-DUPLICATE</c>: An attribute appears twice in one attribute list. Error.</summary>
    public const string AttributeDuplicate = "HLS-ATTRIBUTE-DUPLICATE";

    /// <summary><c>HLS-ATTRIBUTE-LIST-SYNTAX</c>: An attribute list is malformed; readable attributes were kept. Warning.</summary>
    public const string AttributeListSyntax = "HLS-ATTRIBUTE-LIST-SYNTAX";

    /// <summary><c>HLS-ATTRIBUTE-NOT-QUOTED</c>: A quoted-string attribute is given without quotes. Warning.</summary>
    public const string AttributeNotQuoted = "HLS-ATTRIBUTE-NOT-QUOTED";

    /// <summary><c>HLS-ATTRIBUTE-QUOTED</c>: An enumerated-string attribute is quoted. Warning.</summary>
    public const string AttributeQuoted = "HLS-ATTRIBUTE-QUOTED";

    /// <summary><c>HLS-BYTERANGE-INVALID</c>: An EXT-X-BYTERANGE value is not length[@offset]. Error.</summary>
    public const string ByteRangeInvalid = "HLS-BYTERANGE-INVALID";

    /// <summary><c>HLS-BYTERANGE-NO-PREVIOUS</c>: A byte range omits its offset but the previous segment (or part) is not a range of the same resource. Error.</summary>
    public const string ByteRangeNoPrevious = "HLS-BYTERANGE-NO-PREVIOUS";

    /// <summary><c>HLS-DATE-INVALID</c>: A date (PROGRAM-DATE-TIME, DATERANGE START-DATE/END-DATE) is not ISO 8601. Error.</summary>
    public const string DateInvalid = "HLS-DATE-INVALID";

    /// <summary><c>HLS-DATERANGE-CONFLICT</c>: Two EXT-X-DATERANGE tags with the same ID disagree on an attribute. Error.</summary>
    public const string DateRangeConflict = "HLS-DATERANGE-CONFLICT";

    /// <summary><c>HLS-DATERANGE-WITHOUT-PDT</c>: The playlist has EXT-X-DATERANGE but no EXT-X-PROGRAM-DATE-TIME. Error.</summary>
    public const string DateRangeWithoutPdt = "HLS-DATERANGE-WITHOUT-PDT";

    /// <summary><c>HLS-DEFINE-INVALID</c>: An EXT-X-DEFINE is malformed, duplicated, or imports or queries a name that does not exist. Error.</summary>
    public const string DefineInvalid = "HLS-DEFINE-INVALID";

    /// <summary><c>HLS-UNDEFINED-VARIABLE</c>: A {$name} reference names no defined variable; it is left as written. Error.</summary>
    public const string UndefinedVariable = "HLS-UNDEFINED-VARIABLE";

    /// <summary><c>HLS-MIXED-PLAYLIST-TYPES</c>: Multivariant and media playlist tags appear in one playlist. Error.</summary>
    public const string MixedPlaylistTypes = "HLS-MIXED-PLAYLIST-TYPES";

    /// <summary><c>HLS-NO-VARIANTS</c>: A multivariant playlist has no EXT-X-STREAM-INF. Error.</summary>
    public const string NoVariants = "HLS-NO-VARIANTS";

    /// <summary><c>HLS-STREAM-INF-WITHOUT-URI</c>: An EXT-X-STREAM-INF is not followed by a URI line. Error.</summary>
    public const string StreamInfWithoutUri = "HLS-STREAM-INF-WITHOUT-URI";

    /// <summary><c>HLS-GROUP-UNDEFINED</c>: A variant names an AUDIO/VIDEO/SUBTITLES/CLOSED-CAPTIONS group no EXT-X-MEDIA defines. Error.</summary>
    public const string GroupUndefined = "HLS-GROUP-UNDEFINED";

    /// <summary><c>HLS-PART-WITHOUT-PART-INF</c>: EXT-X-PART appears without EXT-X-PART-INF. Error.</summary>
    public const string PartWithoutPartInf = "HLS-PART-WITHOUT-PART-INF";

    /// <summary><c>HLS-PART-EXCEEDS-PART-TARGET</c>: A partial segment is longer than PART-TARGET. Error.</summary>
    public const string PartExceedsPartTarget = "HLS-PART-EXCEEDS-PART-TARGET";

    /// <summary><c>HLS-PART-HOLD-BACK-TOO-SMALL</c>: PART-HOLD-BACK is less than twice PART-TARGET. Error.</summary>
    public const string PartHoldBackTooSmall = "HLS-PART-HOLD-BACK-TOO-SMALL";

    /// <summary><c>HLS-HOLD-BACK-TOO-SMALL</c>: HOLD-BACK is less than three target durations. Error.</summary>
    public const string HoldBackTooSmall = "HLS-HOLD-BACK-TOO-SMALL";

    /// <summary><c>HLS-SKIP-NOT-ALLOWED</c>: EXT-X-SKIP appears but SERVER-CONTROL has no CAN-SKIP-UNTIL. Error.</summary>
    public const string SkipNotAllowed = "HLS-SKIP-NOT-ALLOWED";

    /// <summary><c>HLS-SKIP-AFTER-SEGMENT</c>: EXT-X-SKIP comes after a segment. Error.</summary>
    public const string SkipAfterSegment = "HLS-SKIP-AFTER-SEGMENT";

    /// <summary><c>HLS-VOD-WITHOUT-ENDLIST</c>: EXT-X-PLAYLIST-TYPE:VOD without EXT-X-ENDLIST. Warning.</summary>
    public const string VodWithoutEndlist = "HLS-VOD-WITHOUT-ENDLIST";

    /// <summary><c>HLS-VERSION-TOO-LOW</c>: A feature needs a higher EXT-X-VERSION than declared (RFC 8216bis 8). Warning.</summary>
    public const string VersionTooLow = "HLS-VERSION-TOO-LOW";

    /// <summary><c>HLS-VARIANT-IS-MULTIVARIANT</c>: Cross-check: a playlist the multivariant names as a variant or rendition is itself multivariant. Error.</summary>
    public const string VariantIsMultivariant = "HLS-VARIANT-IS-MULTIVARIANT";

    /// <summary><c>HLS-VARIANT-NOT-MEDIA-PLAYLIST</c>: Cross-check: a child playlist is not an HLS media playlist. Error.</summary>
    public const string VariantNotMediaPlaylist = "HLS-VARIANT-NOT-MEDIA-PLAYLIST";

    /// <summary><c>HLS-IFRAME-PLAYLIST-MISMATCH</c>: Cross-check: an I-frame playlist lacks EXT-X-I-FRAMES-ONLY, or a variant has it. Error.</summary>
    public const string IFramePlaylistMismatch = "HLS-IFRAME-PLAYLIST-MISMATCH";

    /// <summary><c>HLS-VARIANTS-TARGET-DURATION-DIFFER</c>: Cross-check: media playlists have different target durations (subtitles and I-frame playlists excepted). Error.</summary>
    public const string VariantsTargetDurationDiffer = "HLS-VARIANTS-TARGET-DURATION-DIFFER";

    /// <summary><c>HLS-VARIANTS-ENDLIST-MISMATCH</c>: Cross-check: some media playlists have EXT-X-ENDLIST and others not. Error.</summary>
    public const string VariantsEndlistMismatch = "HLS-VARIANTS-ENDLIST-MISMATCH";

    /// <summary><c>HLS-VARIANTS-PDT-INCONSISTENT</c>: Cross-check: some media playlists carry EXT-X-PROGRAM-DATE-TIME and others not. Error.</summary>
    public const string VariantsPdtInconsistent = "HLS-VARIANTS-PDT-INCONSISTENT";

    /// <summary><c>HLS-VARIANTS-PDT-MISALIGNED</c>: Cross-check: the same media sequence has dates further apart than 0.5 s in two variants. Warning.</summary>
    public const string VariantsPdtMisaligned = "HLS-VARIANTS-PDT-MISALIGNED";

    /// <summary><c>HLS-VARIANTS-DISCONTINUITY-MISMATCH</c>: Cross-check: the same media sequence has different discontinuity sequence numbers in two variants. Error.</summary>
    public const string VariantsDiscontinuityMismatch = "HLS-VARIANTS-DISCONTINUITY-MISMATCH";

    /// <summary><c>HLS-VARIANTS-MEDIA-SEQUENCE-SKEW</c>: Cross-check: variants' newest media sequence numbers differ by more than one. Warning.</summary>
    public const string VariantsMediaSequenceSkew = "HLS-VARIANTS-MEDIA-SEQUENCE-SKEW";

    /// <summary><c>LIVE-MEDIA-SEQUENCE-REGRESSION</c>: The first media sequence number went backwards between polls. Error.</summary>
    public const string LiveMediaSequenceRegression = "LIVE-MEDIA-SEQUENCE-REGRESSION";

    /// <summary><c>LIVE-SEGMENT-CONTINUITY</c>: A media sequence number names a different segment URI than in the previous poll. Error.</summary>
    public const string LiveSegmentContinuity = "LIVE-SEGMENT-CONTINUITY";

    /// <summary><c>LIVE-PLAYLIST-SHRANK</c>: The newest segment of the current poll is older than the previous poll's newest. Error.</summary>
    public const string LivePlaylistShrank = "LIVE-PLAYLIST-SHRANK";

    /// <summary><c>LIVE-DISCONTINUITY-SEQUENCE-TOO-BIG</c>: The discontinuity sequence advanced more than the discontinuities that slid out of the window. Error.</summary>
    public const string LiveDiscontinuitySequenceTooBig = "LIVE-DISCONTINUITY-SEQUENCE-TOO-BIG";

    /// <summary><c>LIVE-DISCONTINUITY-SEQUENCE-TOO-SMALL</c>: The discontinuity sequence advanced less than the discontinuities that slid out of the window. Error.</summary>
    public const string LiveDiscontinuitySequenceTooSmall = "LIVE-DISCONTINUITY-SEQUENCE-TOO-SMALL";

    /// <summary><c>LIVE-TARGET-DURATION-CHANGED</c>: EXT-X-TARGETDURATION changed between polls. Error.</summary>
    public const string LiveTargetDurationChanged = "LIVE-TARGET-DURATION-CHANGED";

    /// <summary><c>LIVE-PLAYLIST-TYPE-CHANGED</c>: EXT-X-PLAYLIST-TYPE changed between polls. Error.</summary>
    public const string LivePlaylistTypeChanged = "LIVE-PLAYLIST-TYPE-CHANGED";

    /// <summary><c>LIVE-ENDLIST-REMOVED</c>: EXT-X-ENDLIST disappeared between polls. Error.</summary>
    public const string LiveEndlistRemoved = "LIVE-ENDLIST-REMOVED";

    /// <summary><c>LIVE-ENDED-PLAYLIST-CHANGED</c>: A playlist with EXT-X-ENDLIST changed its segments. Error.</summary>
    public const string LiveEndedPlaylistChanged = "LIVE-ENDED-PLAYLIST-CHANGED";

    /// <summary><c>LIVE-EVENT-SEGMENTS-REMOVED</c>: An EVENT playlist removed segments. Error.</summary>
    public const string LiveEventSegmentsRemoved = "LIVE-EVENT-SEGMENTS-REMOVED";

    /// <summary><c>LIVE-MEDIA-SEQUENCE-GAP</c>: The window jumped past the previous poll's newest segment; some segments were never listed. Warning.</summary>
    public const string LiveMediaSequenceGap = "LIVE-MEDIA-SEQUENCE-GAP";

    /// <summary><c>LIVE-SEGMENT-DURATION-CHANGED</c>: A segment's duration changed between polls. Warning.</summary>
    public const string LiveSegmentDurationChanged = "LIVE-SEGMENT-DURATION-CHANGED";

    /// <summary><c>LIVE-PROGRAM-DATE-TIME-JUMP</c>: A segment's date moved by more than 0.5 s between polls. Warning.</summary>
    public const string LiveProgramDateTimeJump = "LIVE-PROGRAM-DATE-TIME-JUMP";

    /// <summary><c>LIVE-TOO-MANY-FINDINGS</c>: Continuity findings past the limit were dropped. Warning.</summary>
    public const string LiveTooManyFindings = "LIVE-TOO-MANY-FINDINGS";

    /// <summary><c>HLS-CODECS-MISSING</c>: An EXT-X-STREAM-INF has no CODECS attribute (a SHOULD in RFC 8216bis 4.4.6.2). Warning.</summary>
    public const string CodecsMissing = "HLS-CODECS-MISSING";

    /// <summary><c>HLS-RENDITION-GROUP-INVALID</c>: A rendition group has two DEFAULT=YES members or repeats a NAME. Error.</summary>
    public const string RenditionGroupInvalid = "HLS-RENDITION-GROUP-INVALID";
}
