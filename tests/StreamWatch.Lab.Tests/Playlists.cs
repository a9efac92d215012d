using System.Globalization;

namespace StreamWatch.Lab.Tests;

/// <summary>Small readers for the facts tests check in HLS text; the media engine does the real validation.</summary>
internal static class Playlists
{
    public static long MediaSequence(string playlist) => long.Parse(Tag(playlist, "#EXT-X-MEDIA-SEQUENCE:")!, CultureInfo.InvariantCulture);

    public static DateTimeOffset FirstProgramDateTime(string playlist)
        => DateTimeOffset.Parse(Tag(playlist, "#EXT-X-PROGRAM-DATE-TIME:")!, CultureInfo.InvariantCulture);

    public static string[] SegmentUris(string playlist)
        => [.. playlist.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];

    public static int Count(string playlist, string prefix) => playlist.Split('\n').Count(l => l.StartsWith(prefix, StringComparison.Ordinal));

    public static string? Tag(string playlist, string prefix)
        => playlist.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
}
