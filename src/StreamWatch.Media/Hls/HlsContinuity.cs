using System.Globalization;

namespace StreamWatch.Media.Hls;

/// <summary>
/// Continuity between two successive snapshots of one live media playlist (RFC 8216bis 6.2.1: a server may
/// only append segments, remove them from the start in order, advance the sequence numbers accordingly and
/// append EXT-X-ENDLIST). Every violation is a <c>LIVE-</c> finding about the current snapshot.
/// </summary>
internal static class HlsContinuity
{
    /// <summary>How far a segment's date may move between snapshots before it counts as a jump; covers rounding of printed dates.</summary>
    internal static readonly TimeSpan PdtTolerance = TimeSpan.FromMilliseconds(500);

    public static IReadOnlyList<Finding> Compare(HlsMediaPlaylist prev, HlsMediaPlaylist cur)
    {
        var f = new FindingCollector(cur.Url, MediaLimits.Default.MaxFindings, HlsFindingCodes.LiveTooManyFindings);
        var prevFirst = prev.MediaSequence + (prev.Skip?.SkippedSegments ?? 0);
        var curFirst = cur.MediaSequence + (cur.Skip?.SkippedSegments ?? 0);
        var prevNext = prev.NextMediaSequence;
        var curNext = cur.NextMediaSequence;

        if (prev.TargetDuration is { } pt && cur.TargetDuration is { } ct && pt != ct)
        {
            f.Add(HlsFindingCodes.LiveTargetDurationChanged, FindingSeverity.Error,
                Inv($"EXT-X-TARGETDURATION changed from {pt} s to {ct} s between snapshots; it must not change."));
        }

        if (prev.PlaylistType != cur.PlaylistType)
        {
            f.Add(HlsFindingCodes.LivePlaylistTypeChanged, FindingSeverity.Error,
                Inv($"EXT-X-PLAYLIST-TYPE changed from {Name(prev.PlaylistType)} to {Name(cur.PlaylistType)} between snapshots; it must not change."));
        }

        if (prev.HasEndList && !cur.HasEndList)
        {
            f.Add(HlsFindingCodes.LiveEndlistRemoved, FindingSeverity.Error,
                "The previous snapshot had EXT-X-ENDLIST and this one does not: an ended presentation restarted, which players do not follow.");
        }

        if (curFirst < prevFirst)
        {
            // Nothing else can be compared meaningfully once the window went backwards.
            f.Add(HlsFindingCodes.LiveMediaSequenceRegression, FindingSeverity.Error,
                Inv($"Media sequence went backwards: expected media sequence >= {prevFirst}, got {curFirst}. Players that already loaded later segments will stall or replay."));
            return f.ToList();
        }

        if (curNext < prevNext)
        {
            f.Add(HlsFindingCodes.LivePlaylistShrank, FindingSeverity.Error,
                Inv($"The playlist shrank at its live edge: the newest segment was media sequence {prevNext - 1} and is now {curNext - 1}; segments may only be removed from the start."));
        }

        if (prev.HasEndList && (curFirst != prevFirst || curNext != prevNext))
        {
            f.Add(HlsFindingCodes.LiveEndedPlaylistChanged, FindingSeverity.Error,
                Inv($"The playlist had EXT-X-ENDLIST yet its segments changed (media sequences {prevFirst}..{prevNext - 1} became {curFirst}..{curNext - 1})."));
        }
        else if (prev.PlaylistType == HlsPlaylistType.Event && curFirst > prevFirst)
        {
            f.Add(HlsFindingCodes.LiveEventSegmentsRemoved, FindingSeverity.Error,
                Inv($"The EVENT playlist dropped segments (first media sequence {prevFirst} became {curFirst}); EVENT playlists may only grow."));
        }

        if (curFirst > prevNext && !prev.HasEndList)
        {
            f.Add(HlsFindingCodes.LiveMediaSequenceGap, FindingSeverity.Warning,
                Inv($"The window jumped past the previous snapshot: its newest segment was media sequence {prevNext - 1}, this one starts at {curFirst}; {curFirst - prevNext} segments were never listed to this client."));
        }

        CompareOverlap(prev, cur, prevFirst, curFirst, f);
        CompareAdjacentDiscontinuity(prev, cur, prevFirst, curFirst, f);
        return f.ToList();
    }

    private static void CompareOverlap(HlsMediaPlaylist prev, HlsMediaPlaylist cur, long prevFirst, long curFirst, FindingCollector f)
    {
        var from = Math.Max(prevFirst, curFirst);
        var to = Math.Min(prevFirst + prev.Segments.Count, curFirst + cur.Segments.Count);
        int uriMismatches = 0, discMismatches = 0, durationMismatches = 0, dateJumps = 0;
        var discCode = HlsFindingCodes.LiveDiscontinuitySequenceTooBig;
        for (var msn = from; msn < to; msn++)
        {
            var p = prev.Segments[(int)(msn - prevFirst)];
            var c = cur.Segments[(int)(msn - curFirst)];
            if (!p.RawUriBytes.SequenceEqual(c.RawUriBytes) && uriMismatches++ == 0)
            {
                var position = msn == curFirst ? " (the first segment)" : string.Empty;
                f.Add(HlsFindingCodes.LiveSegmentContinuity, FindingSeverity.Error,
                    Inv($"Faulty segment continuity: media sequence {msn}{position} expected '{p.RawUri}' as in the previous snapshot, got '{c.RawUri}'; a media sequence number must always name the same segment."),
                    c.Line);
            }

            var pd = p.DiscontinuitySequence;
            var cd = c.DiscontinuitySequence;
            if (pd != cd && discMismatches++ == 0)
            {
                var removed = CountDiscontinuities(prev, 0, (int)(curFirst - prevFirst));
                var tooBig = cd > pd;
                discCode = tooBig ? HlsFindingCodes.LiveDiscontinuitySequenceTooBig : HlsFindingCodes.LiveDiscontinuitySequenceTooSmall;
                f.Add(discCode, FindingSeverity.Error,
                    Inv($"Discontinuity sequence in media sequence {msn} expected {pd}, got {cd}: EXT-X-DISCONTINUITY-SEQUENCE went from {prev.DiscontinuitySequence} to {cur.DiscontinuitySequence} while {removed} EXT-X-DISCONTINUITY tag(s) slid out of the window, so the increment is {(tooBig ? "too big" : "too small")}."),
                    c.Line);
            }

            if (Math.Abs(p.Duration - c.Duration) > 0.0005 && !p.MissingExtinf && !c.MissingExtinf && durationMismatches++ == 0)
            {
                f.Add(HlsFindingCodes.LiveSegmentDurationChanged, FindingSeverity.Warning,
                    Inv($"Segment with media sequence {msn} ('{c.RawUri}') lasted {p.Duration:0.###} s in the previous snapshot and {c.Duration:0.###} s now."),
                    c.Line);
            }

            // Only dates both snapshots state: extrapolated ones drift with rounded EXTINF values as the
            // window slides, which would report jumps the server never made.
            if (p.HasExplicitProgramDateTime && c.HasExplicitProgramDateTime
                && p.ProgramDateTime is { } pp && c.ProgramDateTime is { } cp && (cp - pp).Duration() > PdtTolerance && dateJumps++ == 0)
            {
                f.Add(HlsFindingCodes.LiveProgramDateTimeJump, FindingSeverity.Warning,
                    Inv($"Segment with media sequence {msn} was dated {pp:yyyy-MM-ddTHH:mm:ss.fffzzz} in the previous snapshot and {cp:yyyy-MM-ddTHH:mm:ss.fffzzz} now ({(cp - pp).TotalSeconds:+0.###;-0.###} s); the date of a segment must not move."),
                    c.Line);
            }
        }

        More(f, HlsFindingCodes.LiveSegmentContinuity, uriMismatches, "segments changed their URI");
        More(f, discCode, discMismatches, "segments changed their discontinuity sequence");
        More(f, HlsFindingCodes.LiveSegmentDurationChanged, durationMismatches, "segments changed their duration");
        More(f, HlsFindingCodes.LiveProgramDateTimeJump, dateJumps, "segments changed their date");
    }

    private static void More(FindingCollector f, string code, int count, string what)
    {
        if (count > 1)
        {
            f.Add(code, FindingSeverity.Info, Inv($"In all, {count} {what} between the two snapshots."));
        }
    }

    // When the windows do not overlap, the discontinuity sequence of the first new segment is bounded by
    // what the previous snapshot's newest segment had plus at most one discontinuity per unseen segment.
    private static void CompareAdjacentDiscontinuity(HlsMediaPlaylist prev, HlsMediaPlaylist cur, long prevFirst, long curFirst, FindingCollector f)
    {
        if (prev.Segments.Count == 0 || cur.Segments.Count == 0 || curFirst < prev.NextMediaSequence)
        {
            return;
        }

        var last = prev.Segments[prev.Segments.Count - 1];
        var first = cur.Segments[0];
        var steps = curFirst - (prevFirst + prev.Segments.Count - 1);
        var min = last.DiscontinuitySequence + (steps == 1 && first.Discontinuity ? 1 : 0);
        var max = last.DiscontinuitySequence + steps;
        var got = first.DiscontinuitySequence;
        if (got < min)
        {
            f.Add(HlsFindingCodes.LiveDiscontinuitySequenceTooSmall, FindingSeverity.Error,
                Inv($"Discontinuity sequence in media sequence {curFirst} expected at least {min}, got {got} (the previous snapshot's newest segment, media sequence {curFirst - steps}, had {last.DiscontinuitySequence})."),
                first.Line);
        }
        else if (got > max || (steps == 1 && !first.Discontinuity && got != min))
        {
            var expected = steps == 1 ? min.ToString(CultureInfo.InvariantCulture) : Inv($"at most {max}");
            f.Add(HlsFindingCodes.LiveDiscontinuitySequenceTooBig, FindingSeverity.Error,
                Inv($"Discontinuity sequence in media sequence {curFirst} expected {expected}, got {got} (the previous snapshot's newest segment, media sequence {curFirst - steps}, had {last.DiscontinuitySequence})."),
                first.Line);
        }
    }

    private static int CountDiscontinuities(HlsMediaPlaylist playlist, int from, int count)
    {
        var n = 0;
        var end = Math.Min(playlist.Segments.Count, from + count);
        for (var i = from; i < end; i++)
        {
            if (playlist.Segments[i].Discontinuity)
            {
                n++;
            }
        }

        return n;
    }

    private static string Name(HlsPlaylistType type) => type switch
    {
        HlsPlaylistType.Event => "EVENT",
        HlsPlaylistType.Vod => "VOD",
        _ => "(none)",
    };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
