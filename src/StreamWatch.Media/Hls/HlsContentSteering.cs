namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-CONTENT-STEERING: where the steering manifest lives.</summary>
/// <param name="RawServerUri">SERVER-URI as written.</param>
/// <param name="ServerUri">SERVER-URI resolved against the playlist URL, or null when invalid.</param>
/// <param name="PathwayId">PATHWAY-ID, or null.</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsContentSteering(string RawServerUri, Uri? ServerUri, string? PathwayId, int Line);
