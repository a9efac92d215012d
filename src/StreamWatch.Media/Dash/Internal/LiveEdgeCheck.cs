using System.Globalization;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// Checks a dynamic MPD's explicit SegmentTimelines against the instant it was received. A timeline whose newest
/// segment ends well before that instant is stale (the MPD stopped being updated, or a cache serves an old copy);
/// one that ends well after it means the packager's clock runs ahead of the observer's (or vice versa, hence UTCTiming).
/// </summary>
internal static class LiveEdgeCheck
{
    public static void Check(DashManifest m, DateTimeOffset observedAt, MediaLimits limits, FindingSink findings)
    {
        if (!m.IsDynamic || m.AvailabilityStartTime is not { } ast)
        {
            return;
        }

        foreach (var period in m.PeriodList)
        {
            // Only an open-ended (still live) period is expected to reach the live edge.
            if (period.Start is not { } periodStart || period.Duration is not null)
            {
                continue;
            }

            foreach (var set in period.AdaptationSetList)
            {
                foreach (var rep in set.RepresentationList)
                {
                    var info = rep.SegmentInfo;
                    if (!info.HasTimeline || info.Timeline.Count == 0)
                    {
                        continue;
                    }

                    var listed = SegmentCalculator.Compute(rep, observedAt, limits.MaxSegments, availableOnly: false).Segments;
                    if (listed.Count == 0)
                    {
                        continue;
                    }

                    var newest = listed[^1];
                    var endTicks = (Int128)ast.UtcTicks + periodStart.Ticks
                        + Timing.UnitsToTicks((Int128)newest.Time + newest.Duration - info.PresentationTimeOffset, info.Timescale);
                    var lead = Timing.Clamp(endTicks - observedAt.UtcTicks);
                    var segment = Timing.Clamp(Timing.UnitsToTicks(newest.Duration, info.Timescale));
                    var refresh = (m.MinimumUpdatePeriod ?? TimeSpan.Zero).Ticks;
                    if (lead > segment)
                    {
                        findings.AddOnce("DASH-TIMELINE-AHEAD-OF-NOW", FindingSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                            $"The newest listed segment ends {lead / (double)TimeSpan.TicksPerSecond:0.###} s after the MPD was received, more than one segment duration: the packager clock runs ahead of this observer's (compare via UTCTiming)."),
                            set.Path, set.Line);
                    }
                    else if (-lead > refresh + (2 * segment))
                    {
                        findings.AddOnce("DASH-TIMELINE-BEHIND-NOW", FindingSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                            $"The newest listed segment ended {-lead / (double)TimeSpan.TicksPerSecond:0.###} s before the MPD was received, more than minimumUpdatePeriod plus two segment durations: the MPD is stale."),
                            set.Path, set.Line);
                    }

                    break; // representations of one adaptation set share their timeline in practice; one report per set
                }
            }
        }
    }
}
