using System.Globalization;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// <c>LIVE-</c> findings between two successive snapshots of one MPD (ISO/IEC 23009-1 5.4: an update must keep
/// availabilityStartTime, advance publishTime, and not change or withdraw segments that are still available).
/// </summary>
internal static class DashContinuity
{
    public static IReadOnlyList<Finding> Compare(DashAnalysis previous, DashAnalysis current)
    {
        var findings = new List<Finding>();
        if (previous.Manifest is not { } prev || current.Manifest is not { } cur)
        {
            return findings;
        }

        var url = current.Url;
        void Add(string code, FindingSeverity severity, string message, string? path = null)
            => findings.Add(new Finding(code, severity, message, url, null, path));

        if (prev.IsDynamic && !cur.IsDynamic)
        {
            Add("LIVE-ENDED", FindingSeverity.Info, "The MPD switched from dynamic to static: the live presentation has ended.", "MPD");
            return findings;
        }

        if (!prev.IsDynamic && cur.IsDynamic)
        {
            Add("LIVE-STATIC-TO-DYNAMIC", FindingSeverity.Warning, "The MPD switched from static to dynamic; a static MPD must not become live again.", "MPD");
        }

        if (!cur.IsDynamic)
        {
            return findings;
        }

        if (prev.AvailabilityStartTime is { } prevAst && cur.AvailabilityStartTime is { } curAst && prevAst != curAst)
        {
            Add("LIVE-AVAILABILITY-START-CHANGED", FindingSeverity.Error,
                $"availabilityStartTime changed from {Iso(prevAst)} to {Iso(curAst)}; every segment time shifts and clients lose sync.", "MPD");
        }

        if (prev.PublishTime is { } prevPub && cur.PublishTime is { } curPub)
        {
            if (curPub < prevPub)
            {
                Add("LIVE-PUBLISH-TIME-REGRESSION", FindingSeverity.Error,
                    $"publishTime went back from {Iso(prevPub)} to {Iso(curPub)}: a stale MPD (e.g. from another origin or cache) was served.", "MPD");
            }
            else if (curPub == prevPub && previous.ContentHash != current.ContentHash)
            {
                Add("LIVE-PUBLISH-TIME-UNCHANGED", FindingSeverity.Warning,
                    $"The MPD content changed but publishTime stayed {Iso(curPub)}; clients cannot tell the versions apart.", "MPD");
            }
        }

        ComparePeriods(prev, cur, current.ObservedAt, Add);
        var prevByKey = new Dictionary<string, DashRepresentation>(StringComparer.Ordinal);
        foreach (var rep in prev.AllRepresentations())
        {
            prevByKey.TryAdd(Key(rep), rep);
        }

        foreach (var rep in cur.AllRepresentations())
        {
            if (prevByKey.Remove(Key(rep), out var old))
            {
                CompareRepresentation(previous, current, old, rep, Add);
            }
        }

        return findings;
    }

    private static void ComparePeriods(DashManifest prev, DashManifest cur, DateTimeOffset now, Action<string, FindingSeverity, string, string?> add)
    {
        var curIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cur.PeriodList.Count; i++)
        {
            if (cur.PeriodList[i].Id is { } id)
            {
                curIndex.TryAdd(id, i);
            }
        }

        var lastIndex = -1;
        foreach (var p in prev.PeriodList)
        {
            if (p.Id is not { } id)
            {
                continue;
            }

            if (!curIndex.TryGetValue(id, out var index))
            {
                // Removing a period is normal once it has left the time-shift buffer; before that, clients lose content.
                var stillAvailable = cur.AvailabilityStartTime is { } ast && p.End is { } end
                    && (cur.TimeShiftBufferDepth is not { } tsbd || ast + end > now - tsbd);
                if (stillAvailable || p.End is null)
                {
                    add("LIVE-PERIOD-REMOVED", FindingSeverity.Error,
                        $"Period '{id}' was removed while it is still inside the time-shift buffer.", p.Path);
                }

                continue;
            }

            if (index < lastIndex)
            {
                add("LIVE-PERIOD-REORDERED", FindingSeverity.Error, $"Period '{id}' now comes before a Period that preceded it in the previous MPD.", cur.PeriodList[index].Path);
            }

            lastIndex = Math.Max(lastIndex, index);
            var q = cur.PeriodList[index];
            if (p.Start is { } a && q.Start is { } b && a != b)
            {
                add("LIVE-PERIOD-START-CHANGED", FindingSeverity.Error,
                    $"Period '{id}' moved from {MpdResolver.Fmt(a)} to {MpdResolver.Fmt(b)}.", q.Path);
            }
        }
    }

    private static void CompareRepresentation(
        DashAnalysis previous, DashAnalysis current, DashRepresentation old, DashRepresentation rep, Action<string, FindingSeverity, string, string?> add)
    {
        var path = rep.Path;
        if (old.SegmentInfo.HasTimeline && rep.SegmentInfo.HasTimeline && rep.SegmentInfo.StartNumber < old.SegmentInfo.StartNumber)
        {
            add("LIVE-START-NUMBER-REGRESSION", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"Representation '{rep.Id}': startNumber went back from {old.SegmentInfo.StartNumber} to {rep.SegmentInfo.StartNumber}."), path);
        }

        var before = Listed(previous, old, previous.ObservedAt);
        var after = Listed(current, rep, current.ObservedAt);
        if (before.Count == 0 || after.Count == 0)
        {
            return;
        }

        // Index the current segments by absolute start (ticks since availabilityStartTime) for exact matching.
        var afterByStart = new Dictionary<long, Seg>(after.Count);
        foreach (var s in after)
        {
            afterByStart.TryAdd(s.Start, s);
        }

        var firstAfter = after[0].Start;
        var lastAfterEnd = after[^1].End;
        var tsbd = current.Manifest!.TimeShiftBufferDepth;
        var ast = current.Manifest.AvailabilityStartTime;
        var windowStart = ast is { } anchor && tsbd is { } depth ? (current.ObservedAt - depth - anchor).Ticks : long.MinValue;
        int changed = 0, renumbered = 0, vanished = 0;
        Seg? firstChanged = null, firstRenumbered = null, firstVanished = null;
        foreach (var s in before)
        {
            if (s.Start >= lastAfterEnd)
            {
                break; // the new MPD does not reach that far (should not happen live; the gap check below reports it)
            }

            if (afterByStart.TryGetValue(s.Start, out var now))
            {
                if (now.Duration != s.Duration)
                {
                    changed++;
                    firstChanged ??= s;
                }
                else if (now.Number != s.Number && UsesNumber(rep))
                {
                    renumbered++;
                    firstRenumbered ??= s;
                }

                continue;
            }

            if (s.Start >= firstAfter)
            {
                changed++; // listed range covers it, but no segment starts there any more: t or d changed
                firstChanged ??= s;
            }
            else if (s.Start > windowStart)
            {
                // Early only when the segment had more than its own duration of availability left: a packager
                // that trims its window when a new segment completes removes the oldest one right at the edge of
                // the time-shift buffer, and the observation time and availabilityStartTime are too coarse to judge
                // that edge (seen with ffmpeg's dash muxer: window_size x seg_duration = timeShiftBufferDepth).
                vanished++;
                firstVanished ??= s;
            }
        }

        if (firstChanged is { } c)
        {
            add("LIVE-TIMELINE-SEGMENT-CHANGED", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"Representation '{rep.Id}': {changed} segment(s) changed start or duration between updates; first was number {c.Number} at t={c.Time} (d={c.DurationUnits})."), path);
        }

        if (firstRenumbered is { } r)
        {
            add("LIVE-SEGMENT-RENUMBERED", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"Representation '{rep.Id}': {renumbered} segment(s) kept their time but changed $Number$; first was number {r.Number} at t={r.Time}."), path);
        }

        if (firstVanished is { } v)
        {
            add("LIVE-SEGMENT-REMOVED-EARLY", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"Representation '{rep.Id}': {vanished} segment(s) disappeared while still inside the time-shift buffer ({(tsbd is { } d ? MpdResolver.Fmt(d) : "unbounded")}); first was number {v.Number} at t={v.Time}."), path);
        }

        var lastBeforeEnd = before[^1].End;
        if (firstAfter > lastBeforeEnd)
        {
            add("LIVE-TIMELINE-DISCONTINUITY", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"Representation '{rep.Id}': the new timeline starts {new TimeSpan(firstAfter - lastBeforeEnd).TotalSeconds:0.###} s after the previous one ended; the segments in between were never listed."), path);
        }
    }

    private static bool UsesNumber(DashRepresentation rep)
        => rep.SegmentInfo.Kind != DashAddressingKind.SegmentTemplate || rep.SegmentInfo.Media?.Contains("$Number", StringComparison.Ordinal) == true;

    private static List<Seg> Listed(DashAnalysis analysis, DashRepresentation rep, DateTimeOffset at)
    {
        var computation = SegmentCalculator.Compute(rep, at, analysis.Limits.MaxSegments, availableOnly: false);
        var info = rep.SegmentInfo;
        var list = new List<Seg>(computation.Segments.Count);
        foreach (var s in computation.Segments)
        {
            var start = Timing.Clamp(computation.PeriodStart.Ticks + Timing.UnitsToTicks((Int128)s.Time - info.PresentationTimeOffset, info.Timescale));
            var end = Timing.Clamp(computation.PeriodStart.Ticks + Timing.UnitsToTicks((Int128)s.Time + s.Duration - info.PresentationTimeOffset, info.Timescale));
            list.Add(new Seg(s.Number, s.Time, s.Duration, start, end));
        }

        return list;
    }

    private static string Key(DashRepresentation rep)
        => (rep.Period.Id ?? rep.Period.Index.ToString(CultureInfo.InvariantCulture)) + "\u001f" + rep.Id;

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);

    /// <summary>A listed segment; Start/End in ticks since availabilityStartTime (presentation time).</summary>
    private readonly record struct Seg(long Number, long Time, long DurationUnits, long Start, long End)
    {
        public long Duration => End - Start;
    }
}
