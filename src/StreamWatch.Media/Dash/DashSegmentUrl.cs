namespace StreamWatch.Media.Dash;

/// <summary>One <c>SegmentURL</c> of a SegmentList.</summary>
/// <param name="Media"><c>@media</c> (relative to the BaseURL chain); null means the BaseURL itself.</param>
/// <param name="MediaRange"><c>@mediaRange</c>, when present.</param>
public sealed record DashSegmentUrl(string? Media, DashByteRange? MediaRange);
