namespace StreamWatch.Media.Dash.Internal;

/// <summary>Turns computed segment references into public segments: URLs, start times, availability windows.</summary>
internal static class SegmentUrls
{
    public static DashSegmentWindow ToWindow(DashRepresentation rep, DateTimeOffset at, SegmentComputation computation)
    {
        var info = rep.SegmentInfo;
        var m = rep.Period.Manifest;
        var baseUrl = rep.BaseUrls.Count > 0 ? rep.BaseUrls[0] : new Uri("about:blank");
        var timescale = info.Timescale > 0 ? info.Timescale : 1;
        var ast = m.AvailabilityStartTime;
        var tsbd = m.TimeShiftBufferDepth;
        UrlTemplate? media = info.Kind == DashAddressingKind.SegmentTemplate && info.Media is { } mt ? UrlTemplate.Compile(mt, rep.Id, rep.Bandwidth) : null;
        Uri? initUrl = null;
        if (info.Initialization is { } init)
        {
            var text = info.Kind == DashAddressingKind.SegmentTemplate ? UrlTemplate.Compile(init, rep.Id, rep.Bandwidth).Expand(info.StartNumber, info.PresentationTimeOffset) : init;
            initUrl = Resolve(baseUrl, text);
        }

        var atoTicks = Timing.SecondsToTicks(info.AvailabilityTimeOffset, TimeSpan.MaxValue.Ticks / 4);
        var segments = new DashSegment[computation.Segments.Count];
        DateTimeOffset? liveEdge = null;
        for (var i = 0; i < segments.Length; i++)
        {
            var s = computation.Segments[i];
            var startTicks = Timing.Clamp(computation.PeriodStart.Ticks + Timing.UnitsToTicks((Int128)s.Time - info.PresentationTimeOffset, timescale));
            var durationTicks = Timing.Clamp(Timing.UnitsToTicks(s.Duration, timescale));
            Uri url;
            DashByteRange? range = null;
            switch (info.Kind)
            {
                case DashAddressingKind.SegmentTemplate:
                    url = media is null ? baseUrl : Resolve(baseUrl, media.Expand(s.Number, s.Time));
                    break;
                case DashAddressingKind.SegmentList when s.ListIndex < info.SegmentUrls.Count:
                    var entry = info.SegmentUrls[s.ListIndex];
                    url = entry.Media is { } mediaText ? Resolve(baseUrl, mediaText) : baseUrl;
                    range = entry.MediaRange;
                    break;
                default:
                    url = baseUrl;
                    break;
            }

            DateTimeOffset? availableFrom = null;
            DateTimeOffset? availableUntil = null;
            if (ast is { } anchor)
            {
                var end = (Int128)anchor.UtcTicks + startTicks + durationTicks;
                // Same rule as the calculator: INF within a bounded period means from the period start; otherwise an offset
                // beyond one segment duration means "once it has started".
                var ato = atoTicks > durationTicks ? durationTicks : atoTicks;
                var anytime = !computation.Dynamic || (double.IsPositiveInfinity(info.AvailabilityTimeOffset) && rep.Period.Duration is not null);
                availableFrom = anytime ? ToTime((Int128)anchor.UtcTicks + computation.PeriodStart.Ticks) : ToTime(end - ato);
                availableUntil = computation.Dynamic && tsbd is { } depth ? ToTime(end + durationTicks + depth.Ticks) : null;
                if (computation.Dynamic)
                {
                    liveEdge = ToTime(end);
                }
            }

            segments[i] = new DashSegment(s.Number, s.Time, s.Duration, new TimeSpan(startTicks), new TimeSpan(durationTicks), url, range, availableFrom, availableUntil);
        }

        return new DashSegmentWindow(rep, at, segments, initUrl, computation.Truncated) { LiveEdge = liveEdge };
    }

    private static Uri Resolve(Uri baseUrl, string relative)
        => relative.Length == 0 ? baseUrl : Uri.TryCreate(baseUrl, relative, out var uri) ? uri : baseUrl;

    private static DateTimeOffset? ToTime(Int128 ticks)
        => ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset((long)ticks, TimeSpan.Zero) : null;
}
