using System.Globalization;
using System.Text;

namespace StreamWatch.Benchmarks.Workloads;

/// <summary>Large, realistic manifests generated in memory, so benchmarks need no big files in the repository.</summary>
public static class GeneratedManifests
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A live HLS media playlist as a 24/7 channel with a long DVR window serves it: PROGRAM-DATE-TIME on
    /// every segment, CDN-style URIs, a discontinuity every 500 segments. 40,000 segments is about 1.2 MB, the issue's workload.
    /// </summary>
    public static byte[] LiveHlsPlaylist(int segments = 40_000)
    {
        var sb = new StringBuilder(segments * 100);
        const long firstSequence = 1_733_000;
        sb.Append("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n");
        sb.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{firstSequence}\n#EXT-X-DISCONTINUITY-SEQUENCE:12\n");
        for (var i = 0; i < segments; i++)
        {
            if (i > 0 && i % 500 == 0)
            {
                sb.Append("#EXT-X-DISCONTINUITY\n");
            }

            if (i % 4 == 0)
            {
                var at = Epoch.AddSeconds(i * 3.84);
                sb.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append('\n');
            }

            sb.Append("#EXTINF:3.840,\n");
            sb.Append(CultureInfo.InvariantCulture, $"seg_{firstSequence + i}.ts\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// A dynamic MPD with a full ABR ladder (video, audio, subtitles) and a long SegmentTimeline per adaptation set,
    /// the shape a packager produces for a live event with a multi-hour time-shift window.
    /// </summary>
    public static byte[] LargeDynamicMpd(int timelineEntries = 2_000, int videoRepresentations = 8)
    {
        var sb = new StringBuilder(timelineEntries * 120);
        sb.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="dynamic"
                 availabilityStartTime="2026-11-21T18:00:00Z" publishTime="2026-11-21T20:00:00Z"
                 minimumUpdatePeriod="PT2S" timeShiftBufferDepth="PT4H" maxSegmentDuration="PT4S"
                 minBufferTime="PT4S" suggestedPresentationDelay="PT8S">
              <UTCTiming schemeIdUri="urn:mpeg:dash:utc:http-xsdate:2014" value="https://time.example/iso"/>
              <Period id="p0" start="PT0S">
            """);
        AppendAdaptationSet(sb, "video/mp4", videoRepresentations, timelineEntries, 90_000, 345_600);
        AppendAdaptationSet(sb, "audio/mp4", 2, timelineEntries, 48_000, 184_320);
        sb.Append("  </Period>\n</MPD>\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void AppendAdaptationSet(StringBuilder sb, string mimeType, int representations, int entries, int timescale, int duration)
    {
        var video = mimeType.StartsWith("video", StringComparison.Ordinal);
        sb.Append(CultureInfo.InvariantCulture, $"    <AdaptationSet mimeType=\"{mimeType}\" segmentAlignment=\"true\" startWithSAP=\"1\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"      <SegmentTemplate timescale=\"{timescale}\" initialization=\"$RepresentationID$/init.mp4\" media=\"$RepresentationID$/$Time$.m4s\">\n        <SegmentTimeline>\n");
        long t = 0;
        for (var i = 0; i < entries; i++)
        {
            // Every tenth entry is a run of segments, as packagers compress identical durations.
            var repeat = i % 10 == 0 ? 2 : 0;
            sb.Append(CultureInfo.InvariantCulture, $"          <S t=\"{t}\" d=\"{duration}\"{(repeat > 0 ? $" r=\"{repeat}\"" : string.Empty)}/>\n");
            t += (long)duration * (repeat + 1);
        }

        sb.Append("        </SegmentTimeline>\n      </SegmentTemplate>\n");
        for (var r = 0; r < representations; r++)
        {
            var bandwidth = video ? 400_000 * (r + 1) : 64_000 * (r + 1);
            var size = video ? $" width=\"{320 * (r + 1)}\" height=\"{180 * (r + 1)}\" codecs=\"avc1.64001f\"" : " codecs=\"mp4a.40.2\" audioSamplingRate=\"48000\"";
            sb.Append(CultureInfo.InvariantCulture, $"      <Representation id=\"{(video ? "v" : "a")}{r}\" bandwidth=\"{bandwidth}\"{size}/>\n");
        }

        sb.Append("    </AdaptationSet>\n");
    }
}
