using StreamWatch.Lab.Streams;
using StreamWatch.Lab.Text;

namespace StreamWatch.Lab.Hls;

/// <summary>
/// Renders synthetic HLS (RFC 8216bis): the multivariant playlist and each rendition's live media
/// playlist, as pure functions of the <see cref="Timeline"/> and a <see cref="ManifestView"/>.
/// </summary>
internal sealed class HlsPlaylistWriter(Timeline timeline, LabCatalog catalog)
{
    private const string AudioGroup = "aac";

    // LL-HLS: parts are listed for the segments of the last three target durations (RFC 8216bis 4.4.4.9).
    private const int SegmentsWithParts = 3;

    public void WriteMultivariant(Utf8Writer w, ManifestView view)
    {
        var renditions = catalog.Renditions;
        var audioIndex = renditions.Count - 1;
        var audio = renditions[audioIndex];
        var withAudio = !view.IsDropped(audioIndex);
        w.Append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n"u8);
        if (withAudio)
        {
            w.Line($"#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"{AudioGroup}\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"{audio.Id}/index.m3u8\"");
        }

        for (var i = 0; i < audioIndex; i++)
        {
            var r = renditions[i];
            if (view.IsDropped(i))
            {
                continue;
            }

            // Synthetic segments are exactly bitrate x duration, so peak and average bandwidth agree.
            var bandwidth = r.Bandwidth + (withAudio ? audio.Bandwidth : 0);
            w.Write($"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},AVERAGE-BANDWIDTH={bandwidth},CODECS=\"{r.Codecs}");
            if (withAudio)
            {
                w.Write($",{audio.Codecs}\",RESOLUTION={r.Width}x{r.Height},FRAME-RATE=25.000,AUDIO=\"{AudioGroup}\"\n");
            }
            else
            {
                w.Write($"\",RESOLUTION={r.Width}x{r.Height},FRAME-RATE=25.000\n");
            }

            w.Line($"{r.Id}/index.m3u8");
        }
    }

    public void WriteMedia(Utf8Writer w, ManifestView view)
    {
        var position = timeline.PositionAt(view.RenderAt);
        var completed = position.Completed;
        var first = Math.Max(timeline.FirstInWindow(completed), view.FirstSegment);
        var segmentSeconds = timeline.SegmentDuration.TotalSeconds;
        var partSeconds = TimeSpan.FromTicks(timeline.PartTicks).TotalSeconds;

        w.Append("#EXTM3U\n#EXT-X-VERSION:6\n"u8);
        w.Line($"#EXT-X-TARGETDURATION:{timeline.TargetDurationSeconds}");
        if (timeline.LowLatency)
        {
            w.Line($"#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK={3 * partSeconds:0.000}");
            w.Line($"#EXT-X-PART-INF:PART-TARGET={partSeconds:0.000}");
        }

        w.Line($"#EXT-X-MEDIA-SEQUENCE:{first - view.FirstSegment + view.SequenceOffset}");
        w.Line($"#EXT-X-DISCONTINUITY-SEQUENCE:{timeline.DiscontinuitiesBefore(first)}");
        w.Append("#EXT-X-INDEPENDENT-SEGMENTS\n"u8);
        for (var n = first; n < completed; n++)
        {
            var start = timeline.SegmentStart(n) + view.ClockSkew;
            if (view.DiscontinuityStorm || (timeline.HasDiscontinuity(n) && n != view.FirstSegment))
            {
                w.Append("#EXT-X-DISCONTINUITY\n"u8);
            }

            WriteAdMarkers(w, n, start);
            w.Append("#EXT-X-PROGRAM-DATE-TIME:"u8);
            w.AppendInstant(start);
            w.Append("\n"u8);
            if (timeline.LowLatency && n >= completed - SegmentsWithParts)
            {
                for (var p = 0; p < timeline.PartsPerSegment; p++)
                {
                    WritePart(w, n, p, partSeconds);
                }
            }

            w.Line($"#EXTINF:{segmentSeconds:0.000},");
            w.Line($"seg-{n}.ts");
        }

        if (timeline.LowLatency)
        {
            // The segment being produced: its finished parts, then a hint for the next one.
            for (var p = 0; p < position.Parts; p++)
            {
                WritePart(w, completed, p, partSeconds);
            }

            w.Line($"#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"seg-{completed}.{position.Parts}.ts\"");
        }
    }

    private static void WritePart(Utf8Writer w, long n, int p, double partSeconds)
    {
        w.Write($"#EXT-X-PART:DURATION={partSeconds:0.000},URI=\"seg-{n}.{p}.ts\"");
        w.Append(p == 0 ? ",INDEPENDENT=YES\n"u8 : "\n"u8);
    }

    private void WriteAdMarkers(Utf8Writer w, long n, DateTimeOffset start)
    {
        var mark = timeline.AdMarkOf(n, out var breakIndex, out var into);
        if (mark == AdMark.None)
        {
            return;
        }

        var breakSeconds = timeline.AdBreakSegments * timeline.SegmentDuration.TotalSeconds;
        Span<byte> section = stackalloc byte[Scte35.SectionBytes];
        switch (mark)
        {
            case AdMark.Out:
                Scte35.WriteSpliceInsert(section, (uint)breakIndex, outOfNetwork: true, TimeSpan.FromSeconds(breakSeconds));
                w.Write($"#EXT-X-DATERANGE:ID=\"ad-{breakIndex}\",CLASS=\"com.streamwatch.lab.ad\",START-DATE=\"");
                w.AppendInstant(start);
                w.Write($"\",PLANNED-DURATION={breakSeconds:0.000},SCTE35-OUT=0x");
                AppendHex(w, section[..Scte35.LengthOf(true)]);
                w.Append("\n"u8);
                w.Line($"#EXT-X-CUE-OUT:DURATION={breakSeconds:0.000}");
                break;
            case AdMark.Continue:
                w.Line($"#EXT-X-CUE-OUT-CONT:ElapsedTime={into * timeline.SegmentDuration.TotalSeconds:0.000},Duration={breakSeconds:0.000}");
                break;
            case AdMark.In:
                Scte35.WriteSpliceInsert(section, (uint)breakIndex, outOfNetwork: false, TimeSpan.Zero);
                w.Write($"#EXT-X-DATERANGE:ID=\"ad-{breakIndex}\",CLASS=\"com.streamwatch.lab.ad\",START-DATE=\"");
                w.AppendInstant(start - TimeSpan.FromSeconds(breakSeconds));
                w.Write($"\",DURATION={breakSeconds:0.000},SCTE35-IN=0x");
                AppendHex(w, section[..Scte35.LengthOf(false)]);
                w.Append("\n"u8);
                w.Append("#EXT-X-CUE-IN\n"u8);
                break;
        }
    }

    private static void AppendHex(Utf8Writer w, ReadOnlySpan<byte> bytes)
    {
        Span<byte> hex = stackalloc byte[2 * Scte35.SectionBytes];
        for (var i = 0; i < bytes.Length; i++)
        {
            hex[2 * i] = (byte)"0123456789ABCDEF"[bytes[i] >> 4];
            hex[(2 * i) + 1] = (byte)"0123456789ABCDEF"[bytes[i] & 0xF];
        }

        w.Append(hex[..(2 * bytes.Length)]);
    }
}
