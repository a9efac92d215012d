namespace StreamWatch.Lab.Apis;

/// <summary>The body of <c>GET /lab/streams</c>.</summary>
/// <param name="Cdns">CDN edge names (URL prefixes).</param>
/// <param name="Renditions">Rendition ids every stream carries.</param>
/// <param name="Streams">Each stream with its URL on every CDN.</param>
public sealed record LabStreamsInfo(IReadOnlyList<string> Cdns, IReadOnlyList<string> Renditions, IReadOnlyList<LabStreamInfo> Streams);
