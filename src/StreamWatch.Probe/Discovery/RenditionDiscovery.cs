using System.Globalization;
using System.Text;
using StreamWatch.Media;
using StreamWatch.Media.Hls;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Discovery;

/// <summary>
/// Turns a source's entry document into the renditions to poll: an HLS multivariant playlist gives one target per
/// variant (id from its height, e.g. <c>720p</c>) and per audio rendition (<c>audio-{name}</c>); a media playlist or
/// an MPD gives one target per representation id across its periods (id from <c>Representation@id</c>, made label-safe;
/// all of them polled from one fetch of the MPD).
/// </summary>
internal static class RenditionDiscovery
{
    public static IReadOnlyList<RenditionTarget> Discover(string streamId, string cdn, Uri url, ManifestAnalysis analysis, bool origin = false)
    {
        var targets = Discover(streamId, cdn, url, analysis);
        if (!origin)
        {
            return targets;
        }

        // The origin's renditions are found exactly as a CDN's, then tagged: the same ids let alerting match them.
        var tagged = new RenditionTarget[targets.Count];
        for (var i = 0; i < tagged.Length; i++)
        {
            tagged[i] = targets[i] with { Origin = true };
        }

        return tagged;
    }

    private static IReadOnlyList<RenditionTarget> Discover(string streamId, string cdn, Uri url, ManifestAnalysis analysis)
    {
        switch (analysis)
        {
            case HlsMultivariantAnalysis { Playlist: var playlist }:
            {
                var targets = new List<RenditionTarget>();
                var ids = new HashSet<string>(StringComparer.Ordinal);
                var seen = new HashSet<Uri>();
                foreach (var variant in playlist.Variants)
                {
                    if (variant.Uri is { } uri && seen.Add(uri))
                    {
                        var id = variant.Resolution is { } resolution
                            ? string.Create(CultureInfo.InvariantCulture, $"{resolution.Height}p")
                            : string.Create(CultureInfo.InvariantCulture, $"{variant.Bandwidth / 1000}k");
                        targets.Add(new RenditionTarget(streamId, cdn, Unique(id, ids), uri, variant.Bandwidth));
                    }
                }

                foreach (var rendition in playlist.Renditions)
                {
                    if (rendition.Type == "AUDIO" && rendition.Uri is { } uri && seen.Add(uri))
                    {
                        targets.Add(new RenditionTarget(streamId, cdn, Unique("audio-" + Slug(rendition.Language ?? rendition.Name), ids), uri, 0));
                    }
                }

                return targets;
            }

            case HlsMediaAnalysis:
                return [new RenditionTarget(streamId, cdn, "main", url, 0)];
            case Media.Dash.DashAnalysis { Manifest: { } manifest }:
            {
                // A representation id names the same rendition in every period (a multi-period MPD repeats them).
                var targets = new List<RenditionTarget>();
                var ids = new HashSet<string>(StringComparer.Ordinal);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var representation in manifest.AllRepresentations())
                {
                    if (representation.Id.Length > 0 && seen.Add(representation.Id))
                    {
                        targets.Add(new RenditionTarget(streamId, cdn, Unique(Slug(representation.Id), ids), url, representation.Bandwidth)
                        {
                            Representation = representation.Id,
                        });
                    }
                }

                return targets;
            }

            default:
                return [];
        }
    }

    private static string Unique(string id, HashSet<string> ids)
    {
        var candidate = id;
        for (var n = 2; !ids.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{id}-{n}");
        }

        return candidate;
    }

    /// <summary>A label-safe id: lower-case <c>[a-z0-9-]</c>.</summary>
    private static string Slug(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var lower = char.ToLowerInvariant(c);
            builder.Append(char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) ? lower : '-');
        }

        return builder.Length == 0 ? "x" : builder.ToString();
    }
}
