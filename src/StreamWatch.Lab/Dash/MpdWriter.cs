using StreamWatch.Lab.Streams;
using StreamWatch.Lab.Text;

namespace StreamWatch.Lab.Dash;

/// <summary>
/// Renders synthetic dynamic MPDs (ISO/IEC 23009-1, isoff-live profile) as pure functions of the
/// <see cref="Timeline"/> and a <see cref="ManifestView"/>: one with SegmentTemplate + SegmentTimeline
/// (<c>$Time$</c> addressing), one with a plain <c>$Number$</c> template whose segments clients compute from the clock.
/// </summary>
internal sealed class MpdWriter(Timeline timeline, LabCatalog catalog)
{
    // Every timeline value is in milliseconds from availabilityStartTime.
    private const int Timescale = 1000;

    public void Write(Utf8Writer w, ManifestView view, bool numberTemplate)
    {
        var position = timeline.PositionAt(view.RenderAt);
        var completed = position.Completed;
        var first = Math.Max(timeline.FirstInWindow(completed), view.FirstSegment);
        var segment = timeline.SegmentDuration;
        // The document changes when a segment completes; stamping that instant keeps it a pure function of the clock.
        var publishTime = numberTemplate ? timeline.Epoch : timeline.SegmentStart(completed);

        w.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8);
        w.Append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\" type=\"dynamic\" availabilityStartTime=\""u8);
        w.AppendInstant(timeline.Epoch + view.ClockSkew);
        w.Append("\" publishTime=\""u8);
        w.AppendInstant(publishTime + view.ClockSkew);
        w.Append("\" minimumUpdatePeriod=\""u8);
        w.AppendXsDuration(segment);
        w.Append("\" minBufferTime=\""u8);
        w.AppendXsDuration(2 * segment);
        w.Append("\" timeShiftBufferDepth=\""u8);
        w.AppendXsDuration(timeline.Window * segment);
        w.Append("\" suggestedPresentationDelay=\""u8);
        w.AppendXsDuration(3 * segment);
        w.Append("\" maxSegmentDuration=\""u8);
        w.AppendXsDuration(segment);
        w.Append("\">\n"u8);

        if (view.DiscontinuityStorm && !numberTemplate)
        {
            // The DASH face of a discontinuity storm: every segment in a Period of its own.
            for (var n = first; n < completed; n++)
            {
                WritePeriod(w, view, n, 1, n, numberTemplate);
            }
        }
        else
        {
            WritePeriod(w, view, first, completed - first, periodIndex: -1, numberTemplate);
        }

        w.Append("  <UTCTiming schemeIdUri=\"urn:mpeg:dash:utc:http-iso:2014\" value=\"/lab/time\"/>\n</MPD>\n"u8);
    }

    // periodIndex -1: the one Period starting at availabilityStartTime; otherwise the Period of that one segment.
    private void WritePeriod(Utf8Writer w, ManifestView view, long first, long count, long periodIndex, bool numberTemplate)
    {
        var segmentMs = timeline.SegmentTicks / TimeSpan.TicksPerMillisecond;
        var periodStartMs = periodIndex < 0 ? 0 : first * segmentMs;
        if (periodIndex < 0)
        {
            w.Append("  <Period id=\"0\" start=\""u8);
        }
        else
        {
            w.Write($"  <Period id=\"p{periodIndex}\" start=\"");
        }

        w.AppendXsDuration(TimeSpan.FromMilliseconds(periodStartMs));
        w.Append("\">\n"u8);
        var renditions = catalog.Renditions;
        var audioIndex = renditions.Count - 1;
        var top = renditions[0];
        w.Line($"    <AdaptationSet id=\"0\" contentType=\"video\" mimeType=\"video/mp4\" segmentAlignment=\"true\" startWithSAP=\"1\" maxWidth=\"{top.Width}\" maxHeight=\"{top.Height}\" frameRate=\"25\" par=\"16:9\">");
        WriteTemplate(w, view, first, count, periodStartMs, numberTemplate);
        for (var i = 0; i < audioIndex; i++)
        {
            if (!view.IsDropped(i))
            {
                var r = renditions[i];
                w.Line($"      <Representation id=\"{r.Id}\" bandwidth=\"{r.Bandwidth}\" codecs=\"{r.Codecs}\" width=\"{r.Width}\" height=\"{r.Height}\" sar=\"1:1\"/>");
            }
        }

        w.Append("    </AdaptationSet>\n"u8);
        if (!view.IsDropped(audioIndex))
        {
            var audio = renditions[audioIndex];
            w.Append("    <AdaptationSet id=\"1\" contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"en\" segmentAlignment=\"true\" startWithSAP=\"1\">\n"u8);
            w.Append("      <AudioChannelConfiguration schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\"2\"/>\n"u8);
            WriteTemplate(w, view, first, count, periodStartMs, numberTemplate);
            w.Line($"      <Representation id=\"{audio.Id}\" bandwidth=\"{audio.Bandwidth}\" codecs=\"{audio.Codecs}\" audioSamplingRate=\"48000\"/>");
            w.Append("    </AdaptationSet>\n"u8);
        }

        w.Append("  </Period>\n"u8);
    }

    private void WriteTemplate(Utf8Writer w, ManifestView view, long first, long count, long periodStartMs, bool numberTemplate)
    {
        var segmentMs = timeline.SegmentTicks / TimeSpan.TicksPerMillisecond;
        if (numberTemplate)
        {
            // Segment n spans [n·d, (n+1)·d) from availabilityStartTime; clients derive the newest from the clock.
            w.Line($"      <SegmentTemplate timescale=\"{Timescale}\" duration=\"{segmentMs}\" startNumber=\"0\" initialization=\"dash/$RepresentationID$/init.mp4\" media=\"dash/$RepresentationID$/$Number$.m4s\"/>");
            return;
        }

        var startNumber = Math.Max(0, first - view.FirstSegment + view.SequenceOffset);
        w.Line($"      <SegmentTemplate timescale=\"{Timescale}\" presentationTimeOffset=\"{periodStartMs}\" startNumber=\"{startNumber}\" initialization=\"dash/$RepresentationID$/init.mp4\" media=\"dash/$RepresentationID$/t$Time$.m4s\">");
        w.Append("        <SegmentTimeline>"u8);
        if (count > 0)
        {
            w.Write($"<S t=\"{first * segmentMs}\" d=\"{segmentMs}\"");
            if (count > 1)
            {
                w.Write($" r=\"{count - 1}\"");
            }

            w.Append("/>"u8);
        }

        w.Append("</SegmentTimeline>\n      </SegmentTemplate>\n"u8);
    }
}
