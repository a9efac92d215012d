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

        var resolver = new Resolver(baseUrl);
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
                    url = media is null ? baseUrl : resolver.Resolve(media.Expand(s.Number, s.Time));
                    break;
                case DashAddressingKind.SegmentList when s.ListIndex < info.SegmentUrls.Count:
                    var entry = info.SegmentUrls[s.ListIndex];
                    url = entry.Media is { } mediaText ? resolver.Resolve(mediaText) : baseUrl;
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

    /// <summary>
    /// RFC 3986 5.2 resolution specialised for the common case of a plain relative path ("V300/123.m4s") against a base
    /// without query or fragment: the result is the base's directory plus the path, so one string parse replaces the general
    /// merge. Anything else (dot segments, absolute paths, schemes, queries, escapes) takes the general route.
    /// </summary>
    private readonly struct Resolver(Uri baseUrl)
    {
        private readonly string? _directory = baseUrl.IsAbsoluteUri && baseUrl.Query.Length == 0 && baseUrl.Fragment.Length == 0
            ? baseUrl.AbsoluteUri[..(baseUrl.AbsoluteUri.LastIndexOf('/') + 1)]
            : null;

        public Uri Resolve(string relative)
        {
            if (_directory is not null && IsPlainPath(relative) && Uri.TryCreate(_directory + relative, UriKind.Absolute, out var fast))
            {
                return fast;
            }

            return SegmentUrls.Resolve(baseUrl, relative);
        }

        private static bool IsPlainPath(string relative)
        {
            if (relative.Length == 0 || relative[0] == '/' || relative[0] == '.')
            {
                return false;
            }

            foreach (var c in relative)
            {
                if (c is ':' or '?' or '#' or '%' or '\\' or ' ' or '[' or ']' or '@' || c < 0x21 || c > 0x7E)
                {
                    return false;
                }
            }

            // "a/../b" and "a/./b" need dot-segment removal.
            return !relative.Contains("/.", StringComparison.Ordinal);
        }
    }
}
