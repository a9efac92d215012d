using System.Text.Json;
using StreamWatch.Media.Hls;
using StreamWatch.Testing;
using Xunit;

namespace StreamWatch.Media.Tests.Hls;

/// <summary>
/// The facts hls.js's own tests assert about the playlists extracted from them (hlsjs__*.expected.json).
/// hls.js's model differs from ours (fragments, partList), so each fact is mapped by hand and read from the JSON.
/// </summary>
public sealed class HlsJsFactsTests
{
    private static JsonElement Expected(string name)
    {
        var json = File.ReadAllText(Corpus.File($"hls/hlsjs__{name}.expected.json"));
        return JsonDocument.Parse(json).RootElement.GetProperty("expected").Clone();
    }

    private static HlsMediaPlaylist MediaOf(string name) => Assert.IsType<HlsMediaAnalysis>(Hls.File($"hls/hlsjs__{name}.m3u8")).Playlist;

    [Fact]
    public void Analyze_ClearEncClearEnc_EncryptedSegmentsCarryBothKeyFormats()
    {
        var e = Expected("clear-enc-clear-enc");
        var p = MediaOf("clear-enc-clear-enc");

        Assert.Equal(e.GetProperty("fragments.length").GetInt32(), p.Segments.Count);
        var encrypted = p.Segments.Where(s => s.Keys.Count > 0).Select(s => s.Index).ToArray();
        Assert.Equal(e.GetProperty("encryptedFragmentIndexes(levelkeys present)").EnumerateArray().Select(x => x.GetInt32()), encrypted);
        var formats = e.GetProperty("keyFormatsOnEncryptedFragments").EnumerateArray().Select(x => x.GetString()).ToArray();
        foreach (var index in encrypted)
        {
            Assert.Equal(formats, p.Segments[index].Keys.Select(k => k.KeyFormat));
        }
    }

    [Fact]
    public void Analyze_DuplicateTargetDuration_ReportsDuplicateTagNamingTheTag()
    {
        var analysis = Hls.File("hls/hlsjs__dup-targetduration.m3u8");

        Assert.StartsWith("#EXT-X-TARGETDURATION must not appear more than once", Expected("dup-targetduration").GetProperty("playlistParsingError").GetString(), StringComparison.Ordinal);
        var finding = Assert.Single(analysis.Findings, f => f.Code == "HLS-DUPLICATE-TAG");
        Assert.Contains("EXT-X-TARGETDURATION", finding.Message, StringComparison.Ordinal);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void Analyze_MediaSequenceAfterSegment_ReportsItOnItsLine()
    {
        var analysis = Hls.File("hls/hlsjs__mediaseq-after-segment.m3u8");

        Assert.Contains("must appear before the first Media Segment", Expected("mediaseq-after-segment").GetProperty("playlistParsingError").GetString(), StringComparison.Ordinal);
        var finding = Assert.Single(analysis.Findings, f => f.Code == "HLS-MEDIA-SEQUENCE-AFTER-SEGMENT");
        Assert.Equal(6, finding.Line);
    }

    [Fact]
    public void Analyze_Fmp4DiscontinuitiesPdt_DatesFollowTheRule()
    {
        var e = Expected("fmp4-discontinuities-pdt");
        var p = MediaOf("fmp4-discontinuities-pdt");

        Assert.Equal(e.GetProperty("fragments.length").GetInt32(), p.Segments.Count);
        Assert.Equal(e.GetProperty("fragments[17].programDateTime").GetInt64(), p.Segments[17].ProgramDateTime!.Value.ToUnixTimeMilliseconds());
        for (var i = 17; i <= 20; i++)
        {
            var expectedNext = p.Segments[i].ProgramDateTime!.Value.AddSeconds(p.Segments[i].Duration);
            Assert.Equal(expectedNext, p.Segments[i + 1].ProgramDateTime);
        }

        Assert.Equal(28141 + 4, p.Segments[17].DiscontinuitySequence);
    }

    [Fact]
    public void Analyze_InterstitialDateRanges_MatchHlsJsFacts()
    {
        var e = Expected("interstitials-discontinuities");
        var p = MediaOf("interstitials-discontinuities");
        var programStart = p.Segments[0].ProgramDateTime!.Value;

        Assert.Equal(e.GetProperty("dateRangeTagCount").GetInt32(), p.DateRanges.Count);
        foreach (var range in e.GetProperty("dateRanges").EnumerateObject())
        {
            var actual = p.DateRanges[range.Value.GetProperty("tagOrder").GetInt32()];
            Assert.Equal(range.Name, actual.Id);
            Assert.Equal(range.Value.GetProperty("isInterstitial").GetBoolean(), actual.IsInterstitial);
            Assert.Equal(range.Value.GetProperty("startTime").GetDouble(), (actual.StartDate!.Value - programStart).TotalSeconds);
            foreach (var cue in new[] { "pre", "post", "once" })
            {
                var stated = range.Value.TryGetProperty("cue." + cue, out var v) && v.GetBoolean();
                if (stated)
                {
                    Assert.True(actual.HasCue(cue.ToUpperInvariant()), $"{actual.Id} should have CUE {cue}");
                }
            }
        }

        Assert.DoesNotContain(Hls.File("hls/hlsjs__interstitials-discontinuities.m3u8").Findings, f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Analyze_LowLatencyParts_MatchHlsJsFacts()
    {
        var e = Expected("llhls-parts");
        var p = MediaOf("llhls-parts");

        Assert.NotNull(p.ServerControl);
        Assert.Equal(e.GetProperty("canBlockReload").GetBoolean(), p.ServerControl.CanBlockReload);
        Assert.Equal(e.GetProperty("canSkipUntil").GetDouble(), p.ServerControl.CanSkipUntil);
        Assert.Equal(e.GetProperty("partHoldBack").GetDouble(), p.ServerControl.PartHoldBack);
        Assert.Equal(e.GetProperty("holdBack").GetDouble(), p.ServerControl.HoldBack ?? 0); // hls.js reports an absent HOLD-BACK as 0.
        Assert.Equal(e.GetProperty("canSkipDateRanges").GetBoolean(), p.ServerControl.CanSkipDateRanges);
        Assert.Equal(e.GetProperty("partTarget").GetDouble(), p.PartTarget);
        Assert.Equal(e.GetProperty("fragments.length").GetInt32(), p.Segments.Count);
        Assert.Equal(e.GetProperty("partList.length").GetInt32(), p.Parts.Count);
        foreach (var key in new[] { "partList[1]", "partList[7]" })
        {
            var x = e.GetProperty(key);
            var part = p.Parts[int.Parse(key[9..^1], System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(x.GetProperty("duration").GetDouble(), part.Duration);
            Assert.Equal(x.GetProperty("gap").GetBoolean(), part.Gap);
            Assert.Equal(x.GetProperty("independent").GetBoolean(), part.Independent);
            Assert.Equal(x.GetProperty("index").GetInt32(), part.Index);
            Assert.Equal(x.GetProperty("relurl").GetString(), part.RawUri);
        }

        var hint = Assert.Single(p.PreloadHints);
        Assert.Equal(e.GetProperty("preloadHint").GetProperty("TYPE").GetString(), hint.Type);
        Assert.Equal(e.GetProperty("preloadHint").GetProperty("URI").GetString(), hint.RawUri);
        Assert.Equal(e.GetProperty("renditionReports.length").GetInt32(), p.RenditionReports.Count);
        var report = e.GetProperty("renditionReports[0]");
        Assert.Equal(report.GetProperty("URI").GetString(), p.RenditionReports[0].RawUri);
        Assert.Equal(long.Parse(report.GetProperty("LAST-MSN").GetString()!, System.Globalization.CultureInfo.InvariantCulture), p.RenditionReports[0].LastMediaSequence);
        Assert.Equal(long.Parse(report.GetProperty("LAST-PART").GetString()!, System.Globalization.CultureInfo.InvariantCulture), p.RenditionReports[0].LastPart);
    }

    [Fact]
    public void Analyze_SkipDeltaUpdate_NumbersSegmentsAfterTheSkippedOnes()
    {
        var e = Expected("llhls-skip-delta");
        var p = MediaOf("llhls-skip-delta");

        Assert.NotNull(p.Skip);
        Assert.Equal(e.GetProperty("skippedSegments").GetInt64(), p.Skip.SkippedSegments);
        Assert.Equal(e.GetProperty("recentlyRemovedDateranges").EnumerateArray().Select(x => x.GetString()!), p.Skip.RecentlyRemovedDateRanges);

        // hls.js keeps null placeholders for skipped segments; we list only the present ones and number them after the skip.
        Assert.Equal(e.GetProperty("fragments.length").GetInt32(), (int)p.Skip.SkippedSegments + p.Segments.Count);
        Assert.Equal(e.GetProperty("fragments[9].relurl").GetString(), p.Segments[0].RawUri);
        Assert.Equal(p.MediaSequence + 9, p.Segments[0].MediaSequence);
        Assert.Equal(e.GetProperty("partList.length").GetInt32(), p.Parts.Count);
        Assert.Equal(e.GetProperty("preloadHint").GetProperty("URI").GetString(), Assert.Single(p.PreloadHints).RawUri);
    }
}
