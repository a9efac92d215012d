using System.Globalization;
using StreamWatch.Media.Hls;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// What a blocking playlist reload asks for (RFC 8216bis 6.2.5.2): the next media sequence, and the next part of it when
/// the playlist lists parts.
/// </summary>
/// <param name="MediaSequence"><c>_HLS_msn</c>: the playlist's next media sequence number.</param>
/// <param name="Part"><c>_HLS_part</c>: the index of the next part of that segment, or -1 for a playlist without parts.</param>
internal readonly record struct BlockingDirective(long MediaSequence, int Part)
{
    /// <summary>How many target durations a server may hold a blocking request (RFC 8216bis 6.2.5.2: then 503).</summary>
    public const int HoldTargetDurations = 3;

    /// <summary>The directive that follows <paramref name="playlist"/>: the part after its last one, or the segment after its last.</summary>
    public static BlockingDirective After(HlsMediaPlaylist playlist)
        => new(playlist.NextMediaSequence, playlist.PartTarget is not null && playlist.Parts.Count > 0 ? playlist.TrailingParts.Count : -1);

    /// <summary>The playlist URL with the directives appended (in the spec's order).</summary>
    public Uri Apply(Uri playlist)
    {
        var separator = string.IsNullOrEmpty(playlist.Query) ? '?' : '&';
        return new Uri(Part < 0
            ? string.Create(CultureInfo.InvariantCulture, $"{playlist.AbsoluteUri}{separator}_HLS_msn={MediaSequence}")
            : string.Create(CultureInfo.InvariantCulture, $"{playlist.AbsoluteUri}{separator}_HLS_msn={MediaSequence}&_HLS_part={Part}"));
    }

    /// <summary>
    /// Whether <paramref name="playlist"/> answers the directive: it holds the requested segment or part, or a later one.
    /// A server that advertises blocking but answers with less did not block.
    /// </summary>
    public bool SatisfiedBy(HlsMediaPlaylist playlist)
        => playlist.NextMediaSequence > MediaSequence
            || (Part >= 0 && playlist.NextMediaSequence == MediaSequence && playlist.TrailingParts.Count > Part);
}
