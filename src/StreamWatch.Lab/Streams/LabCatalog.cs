using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace StreamWatch.Lab.Streams;

/// <summary>The streams, CDNs and renditions the Lab serves, fixed at start.</summary>
internal sealed class LabCatalog
{
    /// <summary>The path prefix (and fault <c>cdn</c>) of the origin itself, the content before any edge; reserved, never a CDN name.</summary>
    public const string OriginName = "origin";

    private readonly FrozenDictionary<string, LabStream> _streams;
    private readonly FrozenDictionary<string, int> _cdns;
    private readonly FrozenDictionary<string, Rendition> _renditions;

    public LabCatalog(IOptions<LabOptions> options)
    {
        var o = options.Value;
        var streamIds = o.StreamIds.Count > 0 ? [.. o.StreamIds] : Enumerable.Range(1, o.Streams).Select(i => $"stream-{i}").ToArray();
        var cdnNames = o.CdnNames.Count > 0 ? [.. o.CdnNames] : Enumerable.Range(0, o.Cdns).Select(i => $"cdn-{(char)('a' + i)}").ToArray();
        Streams = [.. streamIds.Select((id, i) => new LabStream(id, i))];
        Cdns = cdnNames;
        _streams = Streams.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _cdns = cdnNames.Select((c, i) => (c, i)).ToFrozenDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        Renditions = o.Mode == LabMode.Ffmpeg ? Rendition.FfmpegLadder : Rendition.Ladder;
        _renditions = Renditions.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<LabStream> Streams { get; }

    public IReadOnlyList<string> Cdns { get; }

    /// <summary>
    /// The edge index of the origin (<c>/origin/{stream}/…</c>): one past the last CDN. A fault on it hits the origin
    /// and every CDN, since the edges pull from it.
    /// </summary>
    public int OriginIndex => Cdns.Count;

    public IReadOnlyList<Rendition> Renditions { get; }

    public bool TryGetStream(string id, out LabStream stream) => _streams.TryGetValue(id, out stream!);

    public bool TryGetCdn(string name, out int index) => _cdns.TryGetValue(name, out index);

    /// <summary>A CDN's index, or <see cref="OriginIndex"/> for <see cref="OriginName"/>: what a media route or a fault may name.</summary>
    public bool TryGetEdge(string name, out int index)
    {
        if (string.Equals(name, OriginName, StringComparison.Ordinal))
        {
            index = OriginIndex;
            return true;
        }

        return TryGetCdn(name, out index);
    }

    public bool TryGetRendition(string id, out Rendition rendition) => _renditions.TryGetValue(id, out rendition!);
}
