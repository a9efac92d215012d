using System.Globalization;
using System.Text.Json;
using StreamWatch.Media.Hls;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

/// <summary>
/// The facts other parsers' test suites state about the corpus (videojs m3u8-parser fixtures, hls.js assertions)
/// hold for ours. Every field in an expected file is either compared or explicitly listed as not applicable,
/// so a new field in the corpus fails the test instead of being ignored silently.
/// </summary>
public sealed class HlsExpectedFactsTests
{
    // Fields of the videojs model we deliberately do not compare, and why.
    private static readonly HashSet<string> NotApplicable = new(StringComparer.Ordinal)
    {
        "allowCache",      // EXT-X-ALLOW-CACHE was removed in protocol version 7; we keep it as an unknown tag.
        "dateTimeString",  // the same instant as programDateTime, which is compared.
        "dateTimeObject",  // idem.
        "dateRanges",      // always empty in these fixtures; DATERANGE is covered by the hls.js facts.
        "timeline",        // on playlists in a multivariant: a videojs bookkeeping value, always 0.
    };

    public static TheoryData<string> VideojsFixtures => Corpus.Files("hls", "m3u8parser__*.expected.json");

    [Theory]
    [MemberData(nameof(VideojsFixtures))]
    public void Analyze_VideojsFixture_MatchesStatedFacts(string expectedFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Corpus.File(expectedFile)));
        var expected = doc.RootElement.GetProperty("expected");
        var analysis = Hls.File(expectedFile.Replace(".expected.json", ".m3u8", StringComparison.Ordinal));

        if (expected.TryGetProperty("playlists", out _))
        {
            CompareMultivariant(Assert.IsType<HlsMultivariantAnalysis>(analysis).Playlist, expected);
        }
        else
        {
            CompareMedia(Assert.IsType<HlsMediaAnalysis>(analysis).Playlist, expected);
        }
    }

    private static void CompareMedia(HlsMediaPlaylist p, JsonElement e)
    {
        foreach (var field in e.EnumerateObject())
        {
            var v = field.Value;
            switch (field.Name)
            {
                case "mediaSequence": Assert.Equal(v.GetInt64(), p.MediaSequence); break;
                case "targetDuration": Assert.Equal(v.GetInt32(), p.TargetDuration); break;
                case "discontinuitySequence": Assert.Equal(v.GetInt64(), p.DiscontinuitySequence); break;
                case "endList": Assert.Equal(v.GetBoolean(), p.HasEndList); break;
                case "version": Assert.Equal(v.GetInt32(), p.Version); break;
                case "independentSegments": Assert.Equal(v.GetBoolean(), p.HasIndependentSegments); break;
                case "iFramePlaylists": Assert.Equal(0, v.GetArrayLength()); break;
                case "playlistType":
                    Assert.Equal(v.GetString(), p.PlaylistType switch { HlsPlaylistType.Vod => "VOD", HlsPlaylistType.Event => "EVENT", _ => null });
                    break;
                case "discontinuityStarts":
                    var starts = p.Segments.Where(s => s.Discontinuity).Select(s => s.Index).ToArray();
                    Assert.Equal(v.EnumerateArray().Select(x => x.GetInt32()).ToArray(), starts);
                    break;
                case "start":
                    Assert.NotNull(p.Start);
                    Assert.Equal(v.GetProperty("timeOffset").GetDouble(), p.Start.TimeOffset, 6);
                    Assert.Equal(v.GetProperty("precise").GetBoolean(), p.Start.Precise);
                    break;
                case "partInf": Assert.Equal(v.GetProperty("partTarget").GetDouble(), p.PartTarget); break;
                case "partTargetDuration": Assert.Equal(v.GetDouble(), p.PartTarget); break;
                case "serverControl": CompareServerControl(p.ServerControl, v); break;
                case "skip":
                    Assert.NotNull(p.Skip);
                    Assert.Equal(v.GetProperty("skippedSegments").GetInt64(), p.Skip.SkippedSegments);
                    Assert.Equal(v.GetProperty("recentlyRemovedDateranges").EnumerateArray().Select(x => x.GetString()!), p.Skip.RecentlyRemovedDateRanges);
                    break;
                case "renditionReports":
                    Assert.Equal(v.GetArrayLength(), p.RenditionReports.Count);
                    for (var i = 0; i < p.RenditionReports.Count; i++)
                    {
                        var r = v[i];
                        Assert.Equal(r.GetProperty("uri").GetString(), p.RenditionReports[i].RawUri);
                        Assert.Equal(r.GetProperty("lastMsn").GetInt64(), p.RenditionReports[i].LastMediaSequence);
                        Assert.Equal(r.GetProperty("lastPart").GetInt64(), p.RenditionReports[i].LastPart);
                    }

                    break;
                case "preloadSegment": ComparePreloadSegment(p, v); break;
                case "segments":
                    var skipped = (int)(p.Skip?.SkippedSegments ?? 0);
                    Assert.Equal(v.GetArrayLength(), p.Segments.Count);
                    for (var i = 0; i < p.Segments.Count; i++)
                    {
                        CompareSegment(p.Segments[i], v[i], $"segment {i + skipped}");
                    }

                    break;
                default:
                    Assert.True(NotApplicable.Contains(field.Name), $"Expected field '{field.Name}' is neither compared nor listed as not applicable.");
                    break;
            }
        }
    }

    private static void CompareServerControl(HlsServerControl? sc, JsonElement v)
    {
        Assert.NotNull(sc);
        foreach (var f in v.EnumerateObject())
        {
            switch (f.Name)
            {
                case "canSkipDateranges": Assert.Equal(f.Value.GetBoolean(), sc.CanSkipDateRanges); break;
                case "canBlockReload": Assert.Equal(f.Value.GetBoolean(), sc.CanBlockReload); break;
                case "canSkipUntil": Assert.Equal(f.Value.GetDouble(), sc.CanSkipUntil); break;
                case "partHoldBack": Assert.Equal(f.Value.GetDouble(), sc.PartHoldBack); break;
                case "holdBack": Assert.Equal(f.Value.GetDouble(), sc.HoldBack); break;
                default: Assert.Fail($"serverControl field '{f.Name}' is not compared."); break;
            }
        }
    }

    private static void ComparePreloadSegment(HlsMediaPlaylist p, JsonElement v)
    {
        foreach (var f in v.EnumerateObject())
        {
            switch (f.Name)
            {
                case "timeline": Assert.Equal(f.Value.GetInt64(), p.DiscontinuitySequence + p.DiscontinuityCount); break;
                case "map": Assert.Equal(f.Value.GetProperty("uri").GetString(), p.Maps[^1].RawUri); break;
                case "parts": CompareParts(p.TrailingParts, f.Value, "preload segment"); break;
                case "preloadHints":
                    Assert.Equal(f.Value.GetArrayLength(), p.PreloadHints.Count);
                    for (var i = 0; i < p.PreloadHints.Count; i++)
                    {
                        var h = f.Value[i];
                        Assert.Equal(h.GetProperty("type").GetString(), p.PreloadHints[i].Type);
                        Assert.Equal(h.GetProperty("uri").GetString(), p.PreloadHints[i].RawUri);
                        if (h.TryGetProperty("byterange", out var br))
                        {
                            Assert.Equal(br.GetProperty("length").GetInt64(), p.PreloadHints[i].ByteRangeLength);

                            // BYTERANGE-START defaults to 0 (RFC 8216bis 4.4.5.3).
                            Assert.Equal(br.GetProperty("offset").GetInt64(), p.PreloadHints[i].ByteRangeStart ?? 0);
                        }
                    }

                    break;
                default: Assert.Fail($"preloadSegment field '{f.Name}' is not compared."); break;
            }
        }
    }

    private static void CompareSegment(HlsSegment s, JsonElement e, string where)
    {
        foreach (var f in e.EnumerateObject())
        {
            var v = f.Value;
            switch (f.Name)
            {
                case "duration": Assert.True(Math.Abs(v.GetDouble() - s.Duration) < 1e-9, $"{where}: duration {s.Duration}, expected {v}"); break;
                case "uri": Assert.Equal(v.GetString(), s.RawUri); break;
                case "title": Assert.Equal(v.GetString(), s.Title); break;
                case "timeline": Assert.Equal(v.GetInt64(), s.DiscontinuitySequence); break;
                case "discontinuity": Assert.Equal(v.GetBoolean(), s.Discontinuity); break;
                case "gap": Assert.Equal(v.GetBoolean(), s.Gap); break;
                case "byterange":
                    Assert.Equal(new HlsByteRange(v.GetProperty("length").GetInt64(), v.GetProperty("offset").GetInt64()), s.ByteRange);
                    break;
                case "programDateTime":
                    Assert.NotNull(s.ProgramDateTime);
                    var ms = (s.ProgramDateTime.Value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
                    Assert.True(Math.Abs(ms - v.GetDouble()) < 1, $"{where}: date {ms} ms, expected {v}");
                    break;
                case "key": CompareKey(s.Keys.Count == 0 ? null : s.Keys[^1], v, where); break;
                case "map":
                    Assert.NotNull(s.Map);
                    Assert.Equal(v.GetProperty("uri").GetString(), s.Map.RawUri);
                    if (v.TryGetProperty("key", out var mapKey))
                    {
                        CompareKey(s.Map.Keys.Count == 0 ? null : s.Map.Keys[^1], mapKey, where + " map");
                    }
                    else
                    {
                        Assert.Empty(s.Map.Keys);
                    }

                    break;
                case "parts": CompareParts(s.Parts, v, where); break;
                case "dateTimeString" or "dateTimeObject": break;
                default: Assert.Fail($"{where}: field '{f.Name}' is not compared."); break;
            }
        }

        if (!e.TryGetProperty("key", out _))
        {
            Assert.Empty(s.Keys);
        }
    }

    private static void CompareKey(HlsKey? key, JsonElement e, string where)
    {
        Assert.True(key is not null, $"{where}: no key in effect");
        Assert.Equal(e.GetProperty("method").GetString(), key.Method);
        Assert.Equal(e.GetProperty("uri").GetString(), key.RawUri);
        if (e.TryGetProperty("iv", out var iv))
        {
            // videojs gives the IV as four big-endian 32-bit words.
            var words = iv.EnumerateArray().Select(x => x.GetUInt32()).ToArray();
            var hex = "0x" + string.Concat(words.Select(w => w.ToString("X8", CultureInfo.InvariantCulture)));
            Assert.Equal(hex, key.IV, ignoreCase: true);
        }
        else
        {
            Assert.Null(key.IV);
        }
    }

    private static void CompareParts(IReadOnlyList<HlsPart> parts, JsonElement e, string where)
    {
        Assert.Equal(e.GetArrayLength(), parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var x = e[i];
            Assert.Equal(x.GetProperty("uri").GetString(), parts[i].RawUri);
            Assert.Equal(x.GetProperty("duration").GetDouble(), parts[i].Duration);
            Assert.Equal(x.TryGetProperty("independent", out var ind) && ind.GetBoolean(), parts[i].Independent);
            Assert.Equal(x.TryGetProperty("gap", out var gap) && gap.GetBoolean(), parts[i].Gap);
            if (x.TryGetProperty("byterange", out var br))
            {
                Assert.Equal(new HlsByteRange(br.GetProperty("length").GetInt64(), br.GetProperty("offset").GetInt64()), parts[i].ByteRange);
            }

            foreach (var f in x.EnumerateObject())
            {
                Assert.True(f.Name is "uri" or "duration" or "independent" or "gap" or "byterange", $"{where} part {i}: field '{f.Name}' is not compared.");
            }
        }
    }

    private static void CompareMultivariant(HlsMultivariantPlaylist p, JsonElement e)
    {
        foreach (var field in e.EnumerateObject())
        {
            var v = field.Value;
            switch (field.Name)
            {
                case "playlists":
                    Assert.Equal(v.GetArrayLength(), p.Variants.Count);
                    for (var i = 0; i < p.Variants.Count; i++)
                    {
                        Assert.Equal(v[i].GetProperty("uri").GetString(), p.Variants[i].RawUri);
                        var attrs = v[i].TryGetProperty("attributes", out var a) ? a : default;
                        CompareAttributes(p.Variants[i].Attributes, p.Variants[i].Resolution, attrs);
                    }

                    break;
                case "iFramePlaylists":
                    Assert.Equal(v.GetArrayLength(), p.IFrameStreams.Count);
                    for (var i = 0; i < p.IFrameStreams.Count; i++)
                    {
                        Assert.Equal(v[i].GetProperty("uri").GetString(), p.IFrameStreams[i].RawUri);
                        CompareAttributes(p.IFrameStreams[i].Attributes, p.IFrameStreams[i].Resolution, v[i].GetProperty("attributes"));
                    }

                    break;
                case "mediaGroups":
                    var count = 0;
                    foreach (var type in v.EnumerateObject())
                    {
                        foreach (var group in type.Value.EnumerateObject())
                        {
                            foreach (var name in group.Value.EnumerateObject())
                            {
                                count++;
                                var r = p.Renditions.Single(x => x.Type == type.Name && x.GroupId == group.Name && x.Name == name.Name);
                                CompareRendition(r, name.Value);
                            }
                        }
                    }

                    Assert.Equal(count, p.Renditions.Count);
                    break;
                case "version": Assert.Equal(v.GetInt32(), p.Version); break;
                case "independentSegments": Assert.Equal(v.GetBoolean(), p.HasIndependentSegments); break;
                case "segments": Assert.Equal(0, v.GetArrayLength()); break;
                case "discontinuityStarts": Assert.Equal(0, v.GetArrayLength()); break;
                default:
                    Assert.True(NotApplicable.Contains(field.Name), $"Expected field '{field.Name}' is neither compared nor listed as not applicable.");
                    break;
            }
        }
    }

    private static void CompareAttributes(IReadOnlyDictionary<string, string> actual, HlsResolution? resolution, JsonElement expected)
    {
        var count = 0;
        if (expected.ValueKind == JsonValueKind.Object)
        {
            foreach (var a in expected.EnumerateObject())
            {
                count++;
                Assert.True(actual.TryGetValue(a.Name, out var raw), $"attribute {a.Name} missing");
                switch (a.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        Assert.Equal(new HlsResolution(a.Value.GetProperty("width").GetInt32(), a.Value.GetProperty("height").GetInt32()), resolution);
                        break;
                    case JsonValueKind.Number:
                        Assert.Equal(a.Value.GetDouble(), double.Parse(raw, CultureInfo.InvariantCulture));
                        break;
                    default:
                        Assert.Equal(a.Value.GetString(), raw);
                        break;
                }
            }
        }

        Assert.Equal(count, actual.Count);
    }

    private static void CompareRendition(HlsRendition r, JsonElement e)
    {
        foreach (var f in e.EnumerateObject())
        {
            switch (f.Name)
            {
                case "default": Assert.Equal(f.Value.GetBoolean(), r.Default); break;
                case "autoselect": Assert.Equal(f.Value.GetBoolean(), r.Autoselect); break;
                case "forced": Assert.Equal(f.Value.GetBoolean(), r.Forced); break;
                case "language": Assert.Equal(f.Value.GetString(), r.Language); break;
                case "uri": Assert.Equal(f.Value.GetString(), r.RawUri); break;
                case "instreamId": Assert.Equal(f.Value.GetString(), r.InstreamId); break;
                case "characteristics": Assert.Equal(f.Value.GetString(), r.Attributes["CHARACTERISTICS"]); break;
                default: Assert.Fail($"rendition field '{f.Name}' is not compared."); break;
            }
        }
    }
}
