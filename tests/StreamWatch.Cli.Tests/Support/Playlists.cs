using System.Globalization;
using System.Text;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>Small, valid HLS playlists for tests.</summary>
internal static class Playlists
{
    public static string Multivariant(params string[] variants)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        var bandwidth = 800_000;
        foreach (var variant in variants)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=1280x720\n{variant}\n");
            bandwidth += 700_000;
        }

        return text.ToString();
    }

    /// <summary>A live media playlist (no ENDLIST) of <paramref name="segments"/> segments starting at <paramref name="mediaSequence"/>.</summary>
    public static string LiveMedia(long mediaSequence, int targetDuration = 1, int segments = 4, bool endList = false)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{targetDuration}\n#EXT-X-MEDIA-SEQUENCE:{mediaSequence}\n");
        var start = new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < segments; i++)
        {
            var sequence = mediaSequence + i;
            var pdt = start.AddSeconds(sequence * targetDuration).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-PROGRAM-DATE-TIME:{pdt}\n#EXTINF:{targetDuration}.000,\nsegment-{sequence}.ts\n");
        }

        if (endList)
        {
            text.Append("#EXT-X-ENDLIST\n");
        }

        return text.ToString();
    }
}
