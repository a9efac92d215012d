using System.Globalization;
using System.Text;

namespace StreamWatch.Media.Hls;

/// <summary>
/// Consistency across the media playlists of one multivariant playlist (RFC 8216bis 6.2.4): same target
/// duration, matching discontinuity sequence numbers and dates for matching content, and playlists that are
/// what the multivariant playlist says they are.
/// </summary>
internal static class HlsCrossCheck
{
    /// <summary>How far the dates of the same media sequence may differ between variants; a frame or two of rounding is normal.</summary>
    internal static readonly TimeSpan PdtTolerance = TimeSpan.FromMilliseconds(500);

    public static IReadOnlyList<Finding> Check(HlsMultivariantPlaylist mv, IReadOnlyList<ManifestAnalysis> renditions)
    {
        var f = new FindingCollector(mv.Url, MediaLimits.Default.MaxFindings);
        var variants = new List<HlsMediaPlaylist>();
        var aligned = new List<HlsMediaPlaylist>();
        foreach (var analysis in renditions)
        {
            var role = RoleOf(mv, analysis.Url, out var line);
            if (analysis is HlsMultivariantAnalysis)
            {
                f.Add(HlsFindingCodes.VariantIsMultivariant, FindingSeverity.Error,
                    Inv($"{role} {analysis.Url} is itself a multivariant playlist; it must be a media playlist."), line);
                continue;
            }

            if (analysis is not HlsMediaAnalysis media)
            {
                f.Add(HlsFindingCodes.VariantNotMediaPlaylist, FindingSeverity.Error,
                    Inv($"{role} {analysis.Url} is not an HLS media playlist (detected {analysis.Kind})."), line);
                continue;
            }

            var p = media.Playlist;
            var isIFrameRole = role == "I-frame playlist";
            if (isIFrameRole != p.IsIFramesOnly && role != "Playlist")
            {
                f.Add(HlsFindingCodes.IFramePlaylistMismatch, FindingSeverity.Error,
                    isIFrameRole
                        ? Inv($"I-frame playlist {p.Url} lacks EXT-X-I-FRAMES-ONLY.")
                        : Inv($"{role} {p.Url} has EXT-X-I-FRAMES-ONLY but is declared as a regular playlist."), line);
            }

            // RFC 8216bis 6.2.4 exempts subtitles and I-frame playlists from the shared target duration.
            if (!isIFrameRole && role != "SUBTITLES rendition")
            {
                aligned.Add(p);
                if (role == "Variant")
                {
                    variants.Add(p);
                }
            }
        }

        TargetDurations(aligned, f);
        EndLists(aligned, f);
        Dates(aligned, f);
        SequenceAlignment(variants, f);
        return f.ToList();
    }

    private static string RoleOf(HlsMultivariantPlaylist mv, Uri url, out int? line)
    {
        foreach (var v in mv.Variants)
        {
            if (v.Uri == url)
            {
                line = v.Line;
                return "Variant";
            }
        }

        foreach (var r in mv.Renditions)
        {
            if (r.Uri == url)
            {
                line = r.Line;
                return r.Type + " rendition";
            }
        }

        foreach (var i in mv.IFrameStreams)
        {
            if (i.Uri == url)
            {
                line = i.Line;
                return "I-frame playlist";
            }
        }

        line = null;
        return "Playlist";
    }

    private static void TargetDurations(List<HlsMediaPlaylist> playlists, FindingCollector f)
    {
        var distinct = new SortedSet<int>();
        foreach (var p in playlists)
        {
            if (p.TargetDuration is { } t)
            {
                distinct.Add(t);
            }
        }

        if (distinct.Count > 1)
        {
            f.Add(HlsFindingCodes.VariantsTargetDurationDiffer, FindingSeverity.Error,
                Inv($"Media playlists of one multivariant playlist have different target durations: {Describe(playlists, p => p.TargetDuration?.ToString(CultureInfo.InvariantCulture) + " s")}; they must be equal."));
        }
    }

    private static void EndLists(List<HlsMediaPlaylist> playlists, FindingCollector f)
    {
        int ended = 0;
        foreach (var p in playlists)
        {
            ended += p.HasEndList ? 1 : 0;
        }

        if (ended > 0 && ended < playlists.Count)
        {
            f.Add(HlsFindingCodes.VariantsEndlistMismatch, FindingSeverity.Error,
                Inv($"{ended} of {playlists.Count} media playlists have EXT-X-ENDLIST: {Describe(playlists, p => p.HasEndList ? "ended" : "live")}."));
        }
    }

    private static void Dates(List<HlsMediaPlaylist> playlists, FindingCollector f)
    {
        int dated = 0;
        foreach (var p in playlists)
        {
            dated += p.Segments.Count > 0 && p.Segments[0].ProgramDateTime is not null ? 1 : 0;
        }

        // RFC 8216bis 6.2.4: if any media playlist has EXT-X-PROGRAM-DATE-TIME, all of them must.
        if (dated > 0 && dated < playlists.Count)
        {
            f.Add(HlsFindingCodes.VariantsPdtInconsistent, FindingSeverity.Error,
                Inv($"Only {dated} of {playlists.Count} media playlists carry EXT-X-PROGRAM-DATE-TIME; all must when one does."));
        }
    }

    private static void SequenceAlignment(List<HlsMediaPlaylist> variants, FindingCollector f)
    {
        if (variants.Count < 2)
        {
            return;
        }

        long minNewest = long.MaxValue, maxNewest = long.MinValue;
        foreach (var v in variants)
        {
            if (v.Segments.Count == 0)
            {
                continue;
            }

            minNewest = Math.Min(minNewest, v.NextMediaSequence - 1);
            maxNewest = Math.Max(maxNewest, v.NextMediaSequence - 1);
        }

        // One segment of skew is a poll landing between two variants' updates; more means a variant lags.
        if (minNewest != long.MaxValue && maxNewest - minNewest > 1)
        {
            f.Add(HlsFindingCodes.VariantsMediaSequenceSkew, FindingSeverity.Warning,
                Inv($"Variants disagree on the newest media sequence by {maxNewest - minNewest} segments: {Describe(variants, p => (p.NextMediaSequence - 1).ToString(CultureInfo.InvariantCulture))}."));
        }

        var reference = variants[0];
        for (var i = 1; i < variants.Count; i++)
        {
            var other = variants[i];
            var refFirst = reference.NextMediaSequence - reference.Segments.Count;
            var otherFirst = other.NextMediaSequence - other.Segments.Count;
            var from = Math.Max(refFirst, otherFirst);
            var to = Math.Min(reference.NextMediaSequence, other.NextMediaSequence);
            var discReported = false;
            var dateReported = false;
            for (var msn = from; msn < to && !(discReported && dateReported); msn++)
            {
                var a = reference.Segments[(int)(msn - refFirst)];
                var b = other.Segments[(int)(msn - otherFirst)];
                if (!discReported && a.DiscontinuitySequence != b.DiscontinuitySequence)
                {
                    discReported = true;
                    f.Add(HlsFindingCodes.VariantsDiscontinuityMismatch, FindingSeverity.Error,
                        Inv($"Media sequence {msn} has discontinuity sequence {a.DiscontinuitySequence} in {reference.Url} but {b.DiscontinuitySequence} in {other.Url}; matching content must have matching discontinuity sequence numbers."));
                }

                if (!dateReported && a.ProgramDateTime is { } da && b.ProgramDateTime is { } db && (da - db).Duration() > PdtTolerance)
                {
                    dateReported = true;
                    f.Add(HlsFindingCodes.VariantsPdtMisaligned, FindingSeverity.Warning,
                        Inv($"Media sequence {msn} is dated {da:yyyy-MM-ddTHH:mm:ss.fffzzz} in {reference.Url} but {db:yyyy-MM-ddTHH:mm:ss.fffzzz} in {other.Url} ({(db - da).TotalSeconds:+0.###;-0.###} s apart)."));
                }
            }
        }
    }

    private static string Describe(List<HlsMediaPlaylist> playlists, Func<HlsMediaPlaylist, string?> value)
    {
        var sb = new StringBuilder();
        foreach (var p in playlists)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(p.Url).Append(' ').Append(value(p) ?? "unknown");
        }

        return sb.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
