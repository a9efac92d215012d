namespace StreamWatch.Media.Hls;

/// <summary>
/// The stored form of one media segment: value types only, so 40,000 segments cost one growable
/// array and no per-segment objects. <see cref="HlsSegment"/> is the public view.
/// </summary>
internal struct SegmentRecord
{
    public double Duration;
    public TextRef Uri;
    public TextRef Title;
    public long ByteRangeLength;   // -1: no EXT-X-BYTERANGE
    public long ByteRangeOffset;
    public long PdtUtcTicks;       // 0: no date known
    public int Bitrate;            // EXT-X-BITRATE in kbit/s, 0 when none applies
    public int Line;               // line of the URI
    public int DiscontinuityCount; // DISCONTINUITY tags up to and including this segment
    public int KeySet;             // index into the key-set table, 0 = none
    public int Map;                // index into the map table, -1 = none
    public int FirstPart;
    public short PartCount;
    public short PdtOffsetMinutes;
    public SegmentFlags Flags;
}
