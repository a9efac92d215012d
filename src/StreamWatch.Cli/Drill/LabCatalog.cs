namespace StreamWatch.Cli.Drill;

/// <summary>What a Lab serves, as <c>GET /lab/streams</c> lists it: CDN edges, rendition ids and each stream's URL per CDN.</summary>
/// <param name="Cdns">CDN edge names, in the Lab's order.</param>
/// <param name="Renditions">Rendition ids every stream carries.</param>
/// <param name="Streams">Stream id to its HLS multivariant URL per CDN name.</param>
internal sealed record LabCatalog(IReadOnlyList<string> Cdns, IReadOnlyList<string> Renditions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Uri>> Streams);
