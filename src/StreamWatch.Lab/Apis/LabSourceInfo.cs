namespace StreamWatch.Lab.Apis;

/// <summary>One stream on one CDN.</summary>
/// <param name="Cdn">CDN name.</param>
/// <param name="Hls">HLS multivariant playlist URL.</param>
/// <param name="Dash">DASH MPD (SegmentTimeline) URL.</param>
/// <param name="DashNumber">DASH MPD (<c>$Number$</c> template) URL.</param>
public sealed record LabSourceInfo(string Cdn, string Hls, string Dash, string DashNumber);
