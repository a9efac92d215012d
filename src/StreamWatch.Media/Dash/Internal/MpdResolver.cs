using System.Globalization;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// Second pass over a parsed MPD: period timing (ISO/IEC 23009-1 5.3.2.1), BaseURL chains (5.6),
/// segment-information inheritance (5.3.9.1), and the static findings that need the whole document.
/// </summary>
internal static class MpdResolver
{
    // Every combination of alternative BaseURLs is a valid location; a handful is plenty for a monitor.
    private const int MaxBaseUrlCombinations = 8;

    public static void Resolve(DashManifest m, Uri url, FindingSink findings)
    {
        CheckMpd(m, findings);
        ResolvePeriods(m, findings);
        var mpdBases = ResolveBaseUrls([url], 0, m.OwnBaseUrls, m, findings, out var mpdAto);
        var seenTimelines = new HashSet<List<DashTimelineEntry>>(ReferenceEqualityComparer.Instance);
        foreach (var period in m.PeriodList)
        {
            ResolveEvents(period);
            var periodBases = ResolveBaseUrls(mpdBases, mpdAto, period.OwnBaseUrls, period, findings, out var periodAto);
            var ids = new Dictionary<string, DashRepresentation>(StringComparer.Ordinal);
            foreach (var set in period.AdaptationSetList)
            {
                var setBases = ResolveBaseUrls(periodBases, periodAto, set.OwnBaseUrls, set, findings, out var setAto);
                foreach (var rep in set.RepresentationList)
                {
                    rep.Common.InheritFrom(set.Common);
                    rep.FrameRateValue = XsdValues.ParseFrameRate(rep.FrameRate);
                    if (rep.MimeType is null)
                    {
                        findings.Add("DASH-MISSING-MIME-TYPE", FindingSeverity.Error,
                            $"Representation '{rep.Id}' has no @mimeType on itself or its AdaptationSet; it is required on one of them.", rep.Path, rep.Line);
                    }

                    rep.BaseUrls = ResolveBaseUrls(setBases, setAto, rep.OwnBaseUrls, rep, findings, out var repAto);
                    rep.SegmentInfo = ResolveSegmentInfo(m, period, set, rep, repAto, findings, seenTimelines);
                    if (rep.Id.Length > 0 && !ids.TryAdd(rep.Id, rep))
                    {
                        findings.Add("DASH-DUPLICATE-REPRESENTATION-ID", FindingSeverity.Error,
                            $"Representation id '{rep.Id}' is used again in {period.Path}; ids must be unique within a Period (first at {ids[rep.Id].Path}).",
                            rep.Path, rep.Line);
                    }
                }
            }
        }
    }

    private static void CheckMpd(DashManifest m, FindingSink findings)
    {
        if (!m.IsDynamic)
        {
            return;
        }

        if (m.AvailabilityStartTime is null)
        {
            findings.Add("DASH-DYNAMIC-WITHOUT-AVAILABILITY-START", FindingSeverity.Error,
                "The dynamic MPD has no usable @availabilityStartTime (absent or invalid); no segment availability can be computed.", "MPD", m.Line);
        }

        if (m.PublishTime is null)
        {
            findings.Add("DASH-DYNAMIC-WITHOUT-PUBLISH-TIME", FindingSeverity.Warning,
                "A dynamic MPD should carry a valid @publishTime so clients and monitors can order updates.", "MPD", m.Line);
        }

        if (m.MinimumUpdatePeriod is null && m.MediaPresentationDuration is null
            && (m.PeriodList.Count == 0 || m.PeriodList[^1].DeclaredDuration is null))
        {
            findings.Add("DASH-DYNAMIC-WITHOUT-UPDATE-OR-END", FindingSeverity.Warning,
                "The dynamic MPD has neither @minimumUpdatePeriod nor a presentation end: clients will never refetch it, yet it never ends.", "MPD", m.Line);
        }

        if (m.UtcTimingList.Count == 0)
        {
            findings.Add("DASH-DYNAMIC-WITHOUT-UTCTIMING", FindingSeverity.Warning,
                "The dynamic MPD has no UTCTiming element; clients with a skewed clock will request segments that are not yet or no longer available.", "MPD", m.Line);
        }

        foreach (var timing in m.UtcTimingList)
        {
            if (timing.SchemeIdUri.Length == 0 || string.IsNullOrEmpty(timing.Value))
            {
                findings.Add("DASH-UTCTIMING-INCOMPLETE", FindingSeverity.Warning,
                    $"A UTCTiming element lacks @schemeIdUri or @value (scheme '{timing.SchemeIdUri}', value '{timing.Value}').", "MPD/UTCTiming", 0);
            }
            else if (!timing.SchemeIdUri.StartsWith("urn:mpeg:dash:utc:", StringComparison.Ordinal))
            {
                findings.Add("DASH-UTCTIMING-UNKNOWN-SCHEME", FindingSeverity.Warning,
                    $"UTCTiming scheme '{timing.SchemeIdUri}' is not one of the urn:mpeg:dash:utc: schemes.", "MPD/UTCTiming", 0);
            }
        }
    }

    private static void ResolvePeriods(DashManifest m, FindingSink findings)
    {
        var periods = m.PeriodList;
        if (periods.Count == 0)
        {
            findings.Add("DASH-NO-PERIOD", FindingSeverity.Error, "The MPD has no Period.", "MPD", m.Line);
            return;
        }

        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (p.DeclaredStart is { } start)
            {
                p.Start = start;
            }
            else if (i > 0 && periods[i - 1].Start is { } prevStart && periods[i - 1].DeclaredDuration is { } prevDuration)
            {
                p.Start = prevStart + prevDuration;
            }
            else if (i == 0 && !m.IsDynamic)
            {
                p.Start = TimeSpan.Zero;
            }
            else
            {
                // A dynamic MPD's first Period without @start is an "early available" Period (5.3.2.1): not yet scheduled.
                findings.Add("DASH-PERIOD-START-UNKNOWN", i == 0 ? FindingSeverity.Warning : FindingSeverity.Error,
                    i == 0 ? "The first Period of a dynamic MPD has no @start: it is an early-available Period and no segments can be scheduled."
                           : "The Period has no @start and the previous Period has no @duration, so its start cannot be derived.",
                    p.Path, p.Line);
            }
        }

        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (p.Start is not { } start)
            {
                continue;
            }

            if (m.MediaPresentationDuration is { } total && start >= total && total > TimeSpan.Zero)
            {
                findings.Add("DASH-PERIOD-AFTER-END", FindingSeverity.Error,
                    $"The Period starts at {Fmt(start)}, at or after the end of the presentation (mediaPresentationDuration {Fmt(total)}).", p.Path, p.Line);
            }

            var next = i + 1 < periods.Count ? periods[i + 1] : null;
            if (next?.Start is { } nextStart)
            {
                if (nextStart < start)
                {
                    findings.Add("DASH-PERIOD-OVERLAP", FindingSeverity.Error,
                        $"Period {i + 1} starts at {Fmt(nextStart)}, before Period {i} which starts at {Fmt(start)}; Periods must be in time order.", next.Path, next.Line);
                    p.Duration = p.DeclaredDuration;
                    continue;
                }

                p.Duration = nextStart - start;
                if (p.DeclaredDuration is { } declared && declared != p.Duration)
                {
                    var overlap = declared > p.Duration;
                    findings.Add(overlap ? "DASH-PERIOD-OVERLAP" : "DASH-PERIOD-GAP", overlap ? FindingSeverity.Error : FindingSeverity.Warning,
                        $"The Period runs {Fmt(start)}–{Fmt(start + declared)} (@duration {Fmt(declared)}) but the next Period starts at {Fmt(nextStart)}: "
                        + (overlap ? "they overlap." : "there is a gap with no media."),
                        p.Path, p.Line);
                }
            }
            else if (next is null)
            {
                p.Duration = p.DeclaredDuration;
                if (m.MediaPresentationDuration is { } total2 && total2 >= start)
                {
                    p.Duration ??= total2 - start;
                }
            }
            else
            {
                p.Duration = p.DeclaredDuration;
            }
        }
    }

    private static void ResolveEvents(DashPeriod period)
    {
        var start = period.Start ?? TimeSpan.Zero;
        foreach (var stream in period.EventStreamList)
        {
            for (var i = 0; i < stream.EventList.Count; i++)
            {
                var e = stream.EventList[i];
                var offset = Timing.UnitsToTicks((Int128)e.PresentationTime - stream.PresentationTimeOffset, stream.Timescale);
                stream.EventList[i] = e with { Start = start + new TimeSpan(Timing.Clamp(offset)) };
            }
        }
    }

    private static List<Uri> ResolveBaseUrls(List<Uri> parents, double parentAto, List<BaseUrlEntry> own, object owner, FindingSink findings, out double ato)
    {
        ato = parentAto;
        if (own.Count == 0)
        {
            return parents;
        }

        // availabilityTimeOffset on BaseURL elements adds up along the chain of primary BaseURLs (dash.js and livesim agree).
        ato = parentAto + (own[0].AvailabilityTimeOffset ?? 0);
        var result = new List<Uri>(Math.Min(MaxBaseUrlCombinations, parents.Count * own.Count));
        foreach (var parent in parents)
        {
            foreach (var entry in own)
            {
                if (result.Count == MaxBaseUrlCombinations)
                {
                    return result;
                }

                if (Uri.TryCreate(parent, entry.Text, out var resolved))
                {
                    result.Add(resolved);
                }
                else
                {
                    findings.Add("DASH-INVALID-URL", FindingSeverity.Error, $"BaseURL '{entry.Text}' cannot be resolved against '{parent}'.", PathOf(owner) + "/BaseURL", entry.Line);
                }
            }
        }

        return result.Count > 0 ? result : parents;
    }

    private static DashSegmentInfo ResolveSegmentInfo(
        DashManifest m, DashPeriod period, DashAdaptationSet set, DashRepresentation rep, double baseUrlAto,
        FindingSink findings, HashSet<List<DashTimelineEntry>> seenTimelines)
    {
        var levels = (period.OwnSegmentInfo, set.OwnSegmentInfo, rep.OwnSegmentInfo);
        var template = SegmentInfoBuilder.Merge(SegmentInfoBuilder.Merge(levels.Item1?.Template, levels.Item2?.Template), levels.Item3?.Template);
        var list = SegmentInfoBuilder.Merge(SegmentInfoBuilder.Merge(levels.Item1?.List, levels.Item2?.List), levels.Item3?.List);
        var @base = SegmentInfoBuilder.Merge(SegmentInfoBuilder.Merge(levels.Item1?.Base, levels.Item2?.Base), levels.Item3?.Base);

        // The most specific level that says anything decides the addressing scheme.
        var deepest = levels.Item3 ?? levels.Item2 ?? levels.Item1;
        if (deepest is { Count: > 1 })
        {
            findings.Add("DASH-MULTIPLE-ADDRESSING", FindingSeverity.Error,
                "More than one of SegmentBase, SegmentList and SegmentTemplate is present at the same level; SegmentTemplate, then SegmentList, was used.", rep.Path, rep.Line);
        }

        var info = new DashSegmentInfo();
        SegmentInfoBuilder? chosen;
        if (deepest?.Template is not null)
        {
            info.Kind = DashAddressingKind.SegmentTemplate;
            chosen = template;
        }
        else if (deepest?.List is not null)
        {
            info.Kind = DashAddressingKind.SegmentList;
            chosen = list;
        }
        else if (deepest?.Base is not null)
        {
            info.Kind = DashAddressingKind.SegmentBase;
            chosen = @base;
        }
        else
        {
            info.Kind = DashAddressingKind.BaseUrlOnly;
            chosen = null;
        }

        info.AvailabilityTimeOffset = baseUrlAto;
        if (chosen is not null)
        {
            info.Timescale = chosen.Timescale is > 0 ? chosen.Timescale.Value : 1;
            info.Duration = chosen.Duration;
            info.StartNumber = chosen.StartNumber ?? 1;
            info.EndNumber = chosen.EndNumber;
            info.PresentationTimeOffset = chosen.PresentationTimeOffset ?? 0;
            info.AvailabilityTimeOffset = baseUrlAto + (chosen.AvailabilityTimeOffset ?? 0);
            info.Media = chosen.Media;
            info.Initialization = chosen.Initialization;
            info.InitializationRange = chosen.InitializationRange;
            info.IndexRange = chosen.IndexRange;
            info.HasTimeline = chosen.Timeline is not null;
            info.Timeline = chosen.Timeline ?? (IReadOnlyList<DashTimelineEntry>)[];
            info.SegmentUrls = chosen.SegmentUrls ?? (IReadOnlyList<DashSegmentUrl>)[];
            if (chosen.Timeline is { } timeline && seenTimelines.Add(timeline))
            {
                CheckTimeline(m, period, timeline, info.Timescale, info.PresentationTimeOffset, chosen.Path + "/SegmentTimeline", findings);
            }
        }

        CheckAddressing(m, period, rep, info, chosen, findings);
        return info;
    }

    private static void CheckAddressing(DashManifest m, DashPeriod period, DashRepresentation rep, DashSegmentInfo info, SegmentInfoBuilder? chosen, FindingSink findings)
    {
        var path = chosen?.Path ?? rep.Path;
        var line = chosen?.Line ?? rep.Line;
        switch (info.Kind)
        {
            case DashAddressingKind.BaseUrlOnly when rep.OwnBaseUrls.Count == 0:
                findings.Add("DASH-NO-SEGMENT-INFO", FindingSeverity.Error,
                    $"Representation '{rep.Id}' has no SegmentBase, SegmentList, SegmentTemplate or own BaseURL: there is no way to address its media.", rep.Path, rep.Line);
                break;
            case DashAddressingKind.SegmentTemplate:
                if (string.IsNullOrEmpty(info.Media))
                {
                    findings.Add("DASH-TEMPLATE-WITHOUT-MEDIA", FindingSeverity.Error, $"The SegmentTemplate for Representation '{rep.Id}' has no @media.", path, line);
                    break;
                }

                var media = UrlTemplate.Compile(info.Media, rep.Id, rep.Bandwidth);
                if (media.Error is { } error)
                {
                    findings.AddOnce("DASH-TEMPLATE-INVALID", FindingSeverity.Error, $"SegmentTemplate@media '{info.Media}': {error}.", path, line);
                }

                if (info.Initialization is { Length: > 0 } init && UrlTemplate.Compile(init, rep.Id, rep.Bandwidth) is { } initTemplate)
                {
                    if (initTemplate.Error is { } initError)
                    {
                        findings.AddOnce("DASH-TEMPLATE-INVALID", FindingSeverity.Error, $"SegmentTemplate@initialization '{init}': {initError}.", path, line);
                    }
                    else if (initTemplate.UsesNumber || initTemplate.UsesTime)
                    {
                        findings.AddOnce("DASH-TEMPLATE-INVALID", FindingSeverity.Error, $"SegmentTemplate@initialization '{init}' uses $Number$ or $Time$, which are not defined for it.", path, line);
                    }
                }

                if (media.UsesNumber && media.UsesTime)
                {
                    findings.AddOnce("DASH-TEMPLATE-NUMBER-AND-TIME", FindingSeverity.Error, $"SegmentTemplate@media '{info.Media}' uses both $Number$ and $Time$.", path, line);
                }

                if (media.UsesTime && !info.HasTimeline)
                {
                    findings.AddOnce("DASH-TEMPLATE-TIME-WITHOUT-TIMELINE", FindingSeverity.Error,
                        $"SegmentTemplate@media '{info.Media}' uses $Time$ without a SegmentTimeline, so segment times are not signalled exactly.", path, line);
                }

                if (!info.HasTimeline && info.Duration is null)
                {
                    findings.Add("DASH-TEMPLATE-WITHOUT-DURATION", FindingSeverity.Error,
                        $"The SegmentTemplate for Representation '{rep.Id}' has neither @duration nor a SegmentTimeline; no segment can be computed.", path, line);
                }
                else if (!media.UsesNumber && !media.UsesTime && MayHaveSeveralSegments(period, info))
                {
                    findings.Add("DASH-TEMPLATE-NO-ADDRESSING", FindingSeverity.Error,
                        $"SegmentTemplate@media '{info.Media}' has neither $Number$ nor $Time$, yet describes several segments: they would all share one URL.", path, line);
                }

                if (!m.IsDynamic && !info.HasTimeline && info.Duration is not null && period.Duration is null && info.EndNumber is null)
                {
                    findings.AddOnce("DASH-STATIC-UNBOUNDED", FindingSeverity.Error,
                        "A static MPD with a duration-based SegmentTemplate needs a Period duration or mediaPresentationDuration to know how many segments exist.", path, line);
                }

                break;
            case DashAddressingKind.SegmentList:
                if (info.SegmentUrls.Count == 0)
                {
                    findings.Add("DASH-SEGMENT-LIST-EMPTY", FindingSeverity.Error, $"The SegmentList for Representation '{rep.Id}' has no SegmentURL.", path, line);
                }
                else if (!info.HasTimeline && info.Duration is null && info.SegmentUrls.Count > 1)
                {
                    findings.Add("DASH-SEGMENT-LIST-WITHOUT-DURATION", FindingSeverity.Error,
                        $"The SegmentList for Representation '{rep.Id}' has several SegmentURLs but neither @duration nor a SegmentTimeline.", path, line);
                }

                break;
            default:
                break;
        }

        if (m.MaxSegmentDuration is { } max && info.Duration is { } d && new TimeSpan(Timing.Clamp(Timing.UnitsToTicks(d, info.Timescale))) > max)
        {
            findings.Add("DASH-SEGMENT-LONGER-THAN-MAX", FindingSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"Segments of Representation '{rep.Id}' last {(double)d / info.Timescale:0.###} s, above MPD@maxSegmentDuration {Fmt(max)}."), path, line);
        }
    }

    private static bool MayHaveSeveralSegments(DashPeriod period, DashSegmentInfo info)
    {
        if (info.HasTimeline)
        {
            return info.Timeline.Count > 1 || (info.Timeline.Count == 1 && info.Timeline[0].Repeat != 0);
        }

        if (info.EndNumber is { } end)
        {
            return end > info.StartNumber;
        }

        return period.Duration is not { } duration || Timing.UnitsToTicks(info.Duration ?? 0, info.Timescale) < duration.Ticks;
    }

    private static void CheckTimeline(DashManifest m, DashPeriod period, List<DashTimelineEntry> timeline, long timescale, long pto, string path, FindingSink findings)
    {
        // In a static presentation media must start with the period; a live timeline legitimately starts wherever the window does.
        if (!m.IsDynamic && timeline.Count > 0 && timeline[0].Time is { } first && first > pto)
        {
            findings.Add("DASH-TIMELINE-GAP", FindingSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"The SegmentTimeline starts at t={first}, {(double)(first - pto) / timescale:0.###} s after the period start (presentationTimeOffset {pto}): there is no media at the start."),
                path + "/S", timeline[0].Line);
        }

        Int128 end = -1; // end of the previous entry in timescale units; -1 before the first
        var reportedBeyond = false;
        TimeSpan longest = TimeSpan.Zero;
        for (var i = 0; i < timeline.Count; i++)
        {
            var s = timeline[i];
            var start = s.Time is { } t ? (Int128)t : end < 0 ? 0 : end;
            if (s.Time is { } explicitT && end >= 0 && explicitT != end)
            {
                var gap = explicitT > end;
                var delta = gap ? explicitT - end : end - explicitT;
                findings.Add(gap ? "DASH-TIMELINE-GAP" : "DASH-TIMELINE-OVERLAP", gap ? FindingSeverity.Warning : FindingSeverity.Error,
                    string.Create(CultureInfo.InvariantCulture,
                        $"S@t={explicitT} but the previous S ends at {end}: {(gap ? "a gap" : "an overlap")} of {delta} units ({(double)delta / timescale:0.###} s)."),
                    path + "/S", s.Line);
            }

            long count;
            if (s.Repeat >= 0)
            {
                count = s.Repeat + 1;
            }
            else if (i + 1 < timeline.Count && timeline[i + 1].Time is { } nextT)
            {
                count = nextT > start ? (long)((nextT - start + s.Duration - 1) / s.Duration) : 0;
            }
            else if (i + 1 < timeline.Count)
            {
                findings.Add("DASH-TIMELINE-UNBOUNDED-REPEAT", FindingSeverity.Error,
                    "S@r=-1 is followed by an S without @t, so the number of repeats cannot be determined.", path + "/S", s.Line);
                count = 1;
            }
            else
            {
                if (!m.IsDynamic && period.Duration is null)
                {
                    findings.Add("DASH-TIMELINE-UNBOUNDED-REPEAT", FindingSeverity.Error,
                        "The last S has @r=-1 in a static MPD whose Period has no known end.", path + "/S", s.Line);
                }

                end = -1; // open-ended: nothing after it can be checked
                continue;
            }

            var dur = new TimeSpan(Timing.Clamp(Timing.UnitsToTicks(s.Duration, timescale)));
            if (dur > longest)
            {
                longest = dur;
            }

            end = start + ((Int128)count * s.Duration);
            var lastStart = end - s.Duration;
            if (count > 0 && period.Duration is { } length && !reportedBeyond
                && lastStart * TimeSpan.TicksPerSecond >= ((Int128)pto * TimeSpan.TicksPerSecond) + ((Int128)length.Ticks * timescale))
            {
                // A segment may straddle the period end, but one starting at or after it belongs to no period (5.3.9.6).
                reportedBeyond = true;
                findings.Add("DASH-TIMELINE-BEYOND-PERIOD", FindingSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                    $"The SegmentTimeline lists a segment starting at t={lastStart} ({(double)(lastStart - pto) / timescale:0.###} s into the period), at or after the period end ({length.TotalSeconds:0.###} s); players ignore it."),
                    path + "/S", s.Line);
            }
        }

        if (m.MaxSegmentDuration is { } max && longest > max)
        {
            findings.Add("DASH-SEGMENT-LONGER-THAN-MAX", FindingSeverity.Warning,
                $"The SegmentTimeline has a segment of {Fmt(longest)}, above MPD@maxSegmentDuration {Fmt(max)}.", path, 0);
        }
    }

    // Paths are built only when a finding needs one: most elements never produce a finding.
    private static string PathOf(object owner) => owner switch
    {
        DashPeriod p => p.Path,
        DashAdaptationSet a => a.Path,
        DashRepresentation r => r.Path,
        _ => "MPD",
    };

    internal static string Fmt(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s");
}
