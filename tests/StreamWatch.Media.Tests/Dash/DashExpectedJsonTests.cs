using System.Text.Json;
using StreamWatch.Media.Dash;
using StreamWatch.Media.Dash.Internal;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Dash;

/// <summary>
/// Checks the facts stated by videojs/mpd-parser's expected output (an HLS-shaped model) against our DASH model:
/// playlists (one per representation id, merged across periods), BANDWIDTH / CODECS / RESOLUTION, segment URLs,
/// durations, initialization URLs, target durations and endList.
/// </summary>
public sealed class DashExpectedJsonTests
{
    public static TheoryData<string> ExpectedFiles => Corpus.Files("dash", "*.expected.json");

    [Theory]
    [MemberData(nameof(ExpectedFiles))]
    public void Analyze_MpdWithExpectedJson_MatchesStatedFacts(string expectedFile)
    {
        var mpdFile = expectedFile.Replace(".expected.json", ".mpd", StringComparison.Ordinal);
        var analysis = DashTestSupport.AnalyzeCorpus(mpdFile);
        var manifest = Assert.IsType<DashManifest>(analysis.Manifest);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Corpus.File(expectedFile)));
        var expected = json.RootElement.GetProperty("expected");
        var presentationEnd = expected.GetProperty("duration").GetDouble();

        var playlists = new List<JsonElement>();
        foreach (var p in expected.GetProperty("playlists").EnumerateArray())
        {
            playlists.Add(p);
        }

        foreach (var group in expected.GetProperty("mediaGroups").GetProperty("AUDIO").EnumerateObject())
        {
            foreach (var rendition in group.Value.EnumerateObject())
            {
                foreach (var p in rendition.Value.GetProperty("playlists").EnumerateArray())
                {
                    playlists.Add(p);
                }
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rep in manifest.AllRepresentations())
        {
            ids.Add(rep.Id);
        }

        Assert.Equal(playlists.Count, ids.Count);
        if (!manifest.IsDynamic)
        {
            Assert.Equal(expected.GetProperty("endList").GetBoolean(), !analysis.IsLive);
        }

        foreach (var playlist in playlists)
        {
            var attributes = playlist.GetProperty("attributes");
            var name = attributes.GetProperty("NAME").GetString()!;
            var reps = RepresentationsWithId(manifest, name);
            Assert.NotEmpty(reps);
            var first = reps[0];
            Assert.Equal(attributes.GetProperty("BANDWIDTH").GetInt64(), first.Bandwidth);
            if (attributes.TryGetProperty("CODECS", out var codecs))
            {
                Assert.Equal(codecs.GetString(), first.Codecs);
            }

            if (attributes.TryGetProperty("RESOLUTION", out var resolution))
            {
                Assert.Equal(resolution.GetProperty("width").GetInt32(), first.Width);
                Assert.Equal(resolution.GetProperty("height").GetInt32(), first.Height);
            }

            // Every segment the MPD lists, period after period (mpd-parser merges periods into one playlist).
            var ours = new List<DashSegment>();
            Uri? firstInit = null;
            foreach (var rep in reps)
            {
                var window = SegmentUrls.ToWindow(rep, analysis.ObservedAt, SegmentCalculator.Compute(rep, analysis.ObservedAt, 100_000, availableOnly: false));
                firstInit ??= window.InitializationUrl;
                ours.AddRange(window.Segments);
            }

            // ISO/IEC 23009-1: a segment starting at or after the presentation end is not part of it; mpd-parser keeps such segments.
            var theirs = new List<JsonElement>();
            var clipped = false;
            foreach (var s in playlist.GetProperty("segments").EnumerateArray())
            {
                if (s.GetProperty("presentationTime").GetDouble() < presentationEnd - 1e-9 || presentationEnd == 0)
                {
                    theirs.Add(s);
                }
                else
                {
                    clipped = true;
                }
            }

            Assert.Equal(theirs.Count, ours.Count);
            double longest = 0;
            for (var i = 0; i < theirs.Count; i++)
            {
                Assert.Equal(theirs[i].GetProperty("resolvedUri").GetString(), ours[i].Url.AbsoluteUri);
                Assert.Equal(theirs[i].GetProperty("duration").GetDouble(), ours[i].Duration.TotalSeconds, 5);
                longest = Math.Max(longest, ours[i].Duration.TotalSeconds);
            }

            if (!clipped && theirs.Count > 0)
            {
                Assert.Equal(playlist.GetProperty("targetDuration").GetDouble(), Math.Ceiling(longest - 1e-9));
            }

            if (theirs.Count > 0 && theirs[0].GetProperty("map").GetProperty("uri").GetString() is { Length: > 0 })
            {
                Assert.Equal(theirs[0].GetProperty("map").GetProperty("resolvedUri").GetString(), firstInit?.AbsoluteUri);
            }
        }
    }

    private static List<DashRepresentation> RepresentationsWithId(DashManifest manifest, string id)
    {
        var list = new List<DashRepresentation>();
        foreach (var rep in manifest.AllRepresentations())
        {
            if (rep.Id == id)
            {
                list.Add(rep);
            }
        }

        return list;
    }
}
