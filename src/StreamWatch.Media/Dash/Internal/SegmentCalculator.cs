namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// Segment availability arithmetic (ISO/IEC 23009-1 5.3.9.5.3, DASH-IF IOP 4.3): for segment k of a run starting at media time t0
/// with duration d, timescale ts, presentationTimeOffset pto, period start PS and availabilityTimeOffset ATO,
/// availability starts at AST + PS + (t0 + (k+1)·d − pto)/ts − ATO and ends at AST + PS + (t0 + (k+2)·d − pto)/ts + timeShiftBufferDepth.
/// Each condition is solved for k in exact integer arithmetic, so long or open-ended runs (<c>r="-1"</c>,
/// duration-based templates) cost only the segments actually returned.
/// </summary>
internal static class SegmentCalculator
{
    private static readonly Int128 Unbounded = long.MaxValue;
    private static readonly Int128 TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>
    /// Computes segments at <paramref name="at"/>. With <paramref name="availableOnly"/> only segments inside their availability window
    /// are returned (dynamic MPDs); otherwise every segment the MPD lists explicitly, plus open-ended runs up to now.
    /// </summary>
    public static SegmentComputation Compute(DashRepresentation rep, DateTimeOffset at, int maxSegments, bool availableOnly)
    {
        var period = rep.Period;
        var m = period.Manifest;
        var info = rep.SegmentInfo;
        var dynamic = m.IsDynamic && m.AvailabilityStartTime is not null;
        var result = new SegmentComputation { Segments = [], Dynamic = dynamic, PeriodStart = period.Start ?? TimeSpan.Zero };
        if (period.Start is not { } periodStart)
        {
            return result;
        }

        var ctx = new Context
        {
            Timescale = info.Timescale > 0 ? info.Timescale : 1,
            Pto = info.PresentationTimeOffset,
            Dynamic = dynamic,
            AvailableOnly = availableOnly && dynamic,
            Offset = dynamic ? (Int128)at.UtcTicks - m.AvailabilityStartTime!.Value.UtcTicks - periodStart.Ticks : 0,
            Tsbd = m.TimeShiftBufferDepth?.Ticks,
            Ato = info.AvailabilityTimeOffset,
            PeriodLength = period.Duration?.Ticks,
            StartNumber = info.StartNumber,
            EndNumber = info.EndNumber,
            Max = Math.Max(0, maxSegments),
        };

        try
        {
            switch (info.Kind)
            {
                case DashAddressingKind.SegmentTemplate when info.HasTimeline:
                    Timeline(info.Timeline, ctx, result, int.MaxValue);
                    break;
                case DashAddressingKind.SegmentTemplate when info.Duration is { } d:
                    Run(ctx, result, ctx.Pto, d, Unbounded, 0, explicitRun: false, listLimit: int.MaxValue);
                    break;
                case DashAddressingKind.SegmentList when info.HasTimeline:
                    Timeline(info.Timeline, ctx, result, info.SegmentUrls.Count);
                    break;
                case DashAddressingKind.SegmentList when info.Duration is { } d:
                    Run(ctx, result, ctx.Pto, d, info.SegmentUrls.Count, 0, explicitRun: true, listLimit: info.SegmentUrls.Count);
                    break;
                case DashAddressingKind.SegmentList when info.SegmentUrls.Count > 0:
                case DashAddressingKind.SegmentBase:
                case DashAddressingKind.BaseUrlOnly:
                    Single(ctx, result);
                    break;
                default:
                    break;
            }
        }
        catch (OverflowException)
        {
            // Hostile values (t near 2^63, absurd repeat counts) cannot describe real media; what was computed so far stands.
            result.Truncated = true;
        }

        return result;
    }

    private static void Timeline(IReadOnlyList<DashTimelineEntry> timeline, Context ctx, SegmentComputation result, int listLimit)
    {
        Int128 cursor = 0;
        Int128 index = 0;
        for (var i = 0; i < timeline.Count && !result.Truncated; i++)
        {
            var s = timeline[i];
            var t0 = s.Time is { } t ? (Int128)t : cursor;
            Int128 count;
            var explicitRun = true;
            if (s.Repeat >= 0)
            {
                count = (Int128)s.Repeat + 1;
            }
            else if (i + 1 < timeline.Count && timeline[i + 1].Time is { } nextT)
            {
                count = nextT > t0 ? Timing.CeilDiv(nextT - t0, s.Duration) : 0;
            }
            else if (ctx.PeriodLength is { } length)
            {
                count = Math.Max(0, (long)Timing.CeilDiv((length * (Int128)ctx.Timescale) - ((t0 - ctx.Pto) * TicksPerSecond), s.Duration * TicksPerSecond));
            }
            else if (ctx.Dynamic && i + 1 == timeline.Count)
            {
                count = Unbounded; // repeats up to now; the availability bound below stops it
                explicitRun = false;
            }
            else
            {
                count = 1; // unbounded repeat that cannot be resolved (reported by the validator)
            }

            Run(ctx, result, t0, s.Duration, count, index, explicitRun, listLimit);
            index += count;
            cursor = t0 + (count * s.Duration);
            if (index >= Unbounded)
            {
                break;
            }
        }
    }

    private static void Run(Context ctx, SegmentComputation result, Int128 t0, long d, Int128 count, Int128 firstIndex, bool explicitRun, int listLimit)
    {
        if (count <= 0 || d <= 0)
        {
            return;
        }

        Int128 lo = 0;
        var hi = count - 1;
        Int128 unit = (Int128)d * TicksPerSecond;
        var rel = (t0 - ctx.Pto) * TicksPerSecond; // run start relative to the period start, in ticks × timescale

        // A segment belongs to the period only if it starts before the period ends.
        if (ctx.PeriodLength is { } length)
        {
            hi = Min(hi, Timing.CeilDiv((length * (Int128)ctx.Timescale) - rel, unit) - 1);
        }

        if (ctx.EndNumber is { } endNumber)
        {
            hi = Min(hi, endNumber - ctx.StartNumber - firstIndex);
        }

        hi = Min(hi, (Int128)listLimit - 1 - firstIndex);
        if (ctx.Dynamic && (ctx.AvailableOnly || !explicitRun))
        {
            // ATO="INF" makes every segment of the period available at any time (5.3.9.5.3). With a known period end that is
            // exact; for an open-ended live period it would be an unbounded future, so there (and for any finite ATO beyond a
            // segment duration) a segment is listed once it has started: media that does not exist yet cannot be monitored.
            if (!(double.IsPositiveInfinity(ctx.Ato) && ctx.PeriodLength is not null))
            {
                var ato = Timing.SecondsToTicks(ctx.Ato, d * TicksPerSecond / ctx.Timescale);
                hi = Min(hi, Timing.FloorDiv(((ctx.Offset + ato) * ctx.Timescale) - rel, unit) - 1);
            }
            // Open-ended runs list nothing older than the time-shift buffer either: those segments are gone.
            if (ctx.Tsbd is { } tsbd)
            {
                lo = Max(lo, Timing.FloorDiv(((ctx.Offset - tsbd) * ctx.Timescale) - rel, unit) - 1);
            }

            // When the limit bites on a live run, keep the newest segments: the live edge is what a monitor watches.
            var room = (Int128)(ctx.Max - result.Segments.Count);
            if (hi - lo + 1 > room)
            {
                lo = hi - room + 1;
                result.Truncated = true;
            }
        }

        for (var k = lo; k <= hi; k++)
        {
            if (result.Segments.Count >= ctx.Max)
            {
                result.Truncated = true;
                return;
            }

            var index = firstIndex + k;
            result.Segments.Add(new SegmentRef(
                checked((long)(ctx.StartNumber + index)),
                checked((long)(t0 + (k * d))),
                d,
                index < int.MaxValue ? (int)index : int.MaxValue));
        }
    }

    private static void Single(Context ctx, SegmentComputation result)
    {
        // SegmentBase (and a bare BaseURL) describe one segment spanning the period; it exists once the period has started.
        if (ctx.Dynamic && ctx.Offset < 0)
        {
            return;
        }

        var duration = ctx.PeriodLength is { } length ? (long)Math.Min(long.MaxValue, (double)(length * (Int128)ctx.Timescale / TicksPerSecond)) : 0;
        if (ctx.Max > 0)
        {
            result.Segments.Add(new SegmentRef(ctx.StartNumber, ctx.Pto, duration, 0));
        }
    }

    private static Int128 Min(Int128 a, Int128 b) => a < b ? a : b;

    private static Int128 Max(Int128 a, Int128 b) => a > b ? a : b;

    private sealed class Context
    {
        public long Timescale { get; init; }

        public long Pto { get; init; }

        public bool Dynamic { get; init; }

        public bool AvailableOnly { get; init; }

        /// <summary>at − (AST + PeriodStart), in ticks.</summary>
        public Int128 Offset { get; init; }

        public long? Tsbd { get; init; }

        public double Ato { get; init; }

        public long? PeriodLength { get; init; }

        public long StartNumber { get; init; }

        public long? EndNumber { get; init; }

        public int Max { get; init; }
    }
}
