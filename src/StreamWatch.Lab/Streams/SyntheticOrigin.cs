using StreamWatch.Lab.Dash;
using StreamWatch.Lab.Hls;
using StreamWatch.Lab.Text;

namespace StreamWatch.Lab.Streams;

/// <summary>
/// The synthetic origin's manifests. A manifest only changes when a segment (or LL-HLS part) completes,
/// so healthy renders are cached per (stream, document, live position): thousands of renditions
/// polled at their reload rate cost one render per rendition per segment, and the rest are copies out
/// of a cached array. Two positions are kept so an edge that lags (edge cache) does not evict the live one.
/// </summary>
internal sealed class SyntheticOrigin
{
    private const int StreamDocuments = 3; // multivariant, MPD (timeline), MPD ($Number$)
    private readonly Timeline _timeline;
    private readonly HlsPlaylistWriter _hls;
    private readonly MpdWriter _mpd;
    private readonly int _documentsPerStream;
    private readonly CachedManifest?[] _cache;

    public SyntheticOrigin(Timeline timeline, LabCatalog catalog)
    {
        _timeline = timeline;
        _hls = new HlsPlaylistWriter(timeline, catalog);
        _mpd = new MpdWriter(timeline, catalog);
        _documentsPerStream = StreamDocuments + catalog.Renditions.Count;
        _cache = new CachedManifest?[catalog.Streams.Count * _documentsPerStream * 2];
    }

    public Timeline Timeline => _timeline;

    /// <summary>The manifest <paramref name="resource"/> names, as <paramref name="view"/> shows it.</summary>
    public CachedManifest Render(LabStream stream, OriginResource resource, ManifestView view)
    {
        var positionDependent = resource.Kind is ResourceKind.MediaPlaylist or ResourceKind.Mpd;
        var position = positionDependent ? _timeline.PositionAt(view.RenderAt) : default;
        if (resource.Kind == ResourceKind.Mpd)
        {
            position = position with { Parts = 0 }; // an MPD only changes per segment
        }

        if (!view.IsCacheable)
        {
            return RenderNow(resource, view, position);
        }

        var document = resource.Kind switch
        {
            ResourceKind.Multivariant => 0,
            ResourceKind.Mpd => 1,
            ResourceKind.MpdNumber => 2,
            _ => StreamDocuments + resource.RenditionIndex,
        };
        var slot = ((stream.Index * _documentsPerStream) + document) * 2;
        var newer = Volatile.Read(ref _cache[slot]);
        if (newer is not null && newer.Position == position)
        {
            return newer;
        }

        var older = Volatile.Read(ref _cache[slot + 1]);
        if (older is not null && older.Position == position)
        {
            return older;
        }

        // Races render twice at worst; both renders are identical, so whichever lands is right.
        var rendered = RenderNow(resource, view, position);
        if (newer is null || position.Completed > newer.Position.Completed
            || (position.Completed == newer.Position.Completed && position.Parts > newer.Position.Parts))
        {
            Volatile.Write(ref _cache[slot + 1], newer);
            Volatile.Write(ref _cache[slot], rendered);
        }
        else
        {
            Volatile.Write(ref _cache[slot + 1], rendered);
        }

        return rendered;
    }

    private CachedManifest RenderNow(OriginResource resource, ManifestView view, LivePosition position)
    {
        using var writer = new Utf8Writer();
        switch (resource.Kind)
        {
            case ResourceKind.Multivariant:
                _hls.WriteMultivariant(writer, view);
                break;
            case ResourceKind.MediaPlaylist:
                _hls.WriteMedia(writer, view);
                break;
            case ResourceKind.Mpd:
                _mpd.Write(writer, view, numberTemplate: false);
                break;
            case ResourceKind.MpdNumber:
                _mpd.Write(writer, view, numberTemplate: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(resource), resource.Kind, "Not a manifest.");
        }

        var lastModified = resource.Kind is ResourceKind.MediaPlaylist or ResourceKind.Mpd
            ? _timeline.SegmentStart(position.Completed) + TimeSpan.FromTicks(position.Parts * _timeline.PartTicks)
            : _timeline.Epoch;
        return new CachedManifest(position, writer.ToArray(), lastModified);
    }
}
