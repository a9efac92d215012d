namespace StreamWatch.Media.Dash;

/// <summary>How a representation's media segments are addressed (ISO/IEC 23009-1 5.3.9).</summary>
public enum DashAddressingKind
{
    /// <summary>No SegmentBase, SegmentList or SegmentTemplate: the BaseURL is the one media segment.</summary>
    BaseUrlOnly = 0,

    /// <summary>SegmentBase: one segment, optionally with an index range (on-demand profile).</summary>
    SegmentBase = 1,

    /// <summary>SegmentList: explicit SegmentURL elements.</summary>
    SegmentList = 2,

    /// <summary>SegmentTemplate: URLs built from <c>$Number$</c> / <c>$Time$</c> templates.</summary>
    SegmentTemplate = 3,
}
