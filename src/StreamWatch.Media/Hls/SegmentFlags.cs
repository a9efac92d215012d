namespace StreamWatch.Media.Hls;

/// <summary>Boolean facts about a stored segment, packed into one byte.</summary>
[Flags]
internal enum SegmentFlags : byte
{
    None = 0,
    Discontinuity = 1,
    Gap = 2,
    ExplicitProgramDateTime = 4,
    MissingExtinf = 8,
    AfterEndList = 16,
}
