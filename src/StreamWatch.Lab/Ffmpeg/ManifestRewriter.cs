using System.Globalization;
using System.Text;
using System.Xml.Linq;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab.Ffmpeg;

/// <summary>
/// Applies a faulted <see cref="ManifestView"/> to ffmpeg's own manifests (the synthetic origin renders
/// faults directly instead). HLS: media sequence, reset, PROGRAM-DATE-TIME skew, discontinuity storm.
/// DASH: availabilityStartTime skew and startNumber regression.
/// </summary>
internal static class ManifestRewriter
{
    private const string MediaSequenceTag = "#EXT-X-MEDIA-SEQUENCE:";
    private const string ProgramDateTimeTag = "#EXT-X-PROGRAM-DATE-TIME:";

    /// <summary>Media sequence number of the last segment in an HLS media playlist, or null.</summary>
    public static long? LastMediaSequence(byte[] playlist)
    {
        var lines = Encoding.UTF8.GetString(playlist).Split('\n');
        long? first = null;
        var segments = 0;
        foreach (var line in lines)
        {
            if (line.StartsWith(MediaSequenceTag, StringComparison.Ordinal) && long.TryParse(line.AsSpan(MediaSequenceTag.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var msn))
            {
                first = msn;
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                segments++;
            }
        }

        return first is { } f && segments > 0 ? f + segments - 1 : null;
    }

    /// <summary>Rewrites an HLS media playlist; <paramref name="resetBase"/> is the sequence number that becomes 0.</summary>
    public static byte[] Hls(byte[] playlist, ManifestView view, long? resetBase)
    {
        var lines = Encoding.UTF8.GetString(playlist).Split('\n');
        var header = new List<string>();
        var segments = new List<List<string>>();
        var current = new List<string>();
        long firstMsn = 0;
        var inSegments = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(MediaSequenceTag, StringComparison.Ordinal))
            {
                _ = long.TryParse(line.AsSpan(MediaSequenceTag.Length), NumberStyles.None, CultureInfo.InvariantCulture, out firstMsn);
                header.Add(line);
                continue;
            }

            if (!inSegments && (line.StartsWith("#EXTINF", StringComparison.Ordinal) || line.StartsWith(ProgramDateTimeTag, StringComparison.Ordinal)
                || line.StartsWith("#EXT-X-DISCONTINUITY", StringComparison.Ordinal) && !line.StartsWith("#EXT-X-DISCONTINUITY-SEQUENCE", StringComparison.Ordinal)))
            {
                inSegments = true;
            }

            if (!inSegments)
            {
                header.Add(line);
                continue;
            }

            if (line.StartsWith(ProgramDateTimeTag, StringComparison.Ordinal) && view.ClockSkew != TimeSpan.Zero
                && TryParseDate(line.AsSpan(ProgramDateTimeTag.Length), out var pdt))
            {
                line = ProgramDateTimeTag + (pdt + view.ClockSkew).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            }

            current.Add(line);
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                segments.Add(current);
                current = [];
            }
        }

        var msn = firstMsn;
        if (resetBase is { } reset)
        {
            var skip = (int)Math.Clamp(reset - firstMsn, 0, Math.Max(0, segments.Count - 1));
            segments.RemoveRange(0, skip);
            msn = firstMsn + skip - reset;
        }

        msn = Math.Max(0, msn + view.SequenceOffset);
        var sb = new StringBuilder(playlist.Length + 256);
        foreach (var line in header)
        {
            if (line.StartsWith(MediaSequenceTag, StringComparison.Ordinal))
            {
                sb.Append(MediaSequenceTag).Append(msn.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            else if (line.Length > 0)
            {
                sb.Append(line).Append('\n');
            }
        }

        foreach (var segment in segments)
        {
            if (view.DiscontinuityStorm && !segment.Contains("#EXT-X-DISCONTINUITY"))
            {
                sb.Append("#EXT-X-DISCONTINUITY\n");
            }

            foreach (var line in segment)
            {
                if (line.Length > 0)
                {
                    sb.Append(line).Append('\n');
                }
            }
        }

        foreach (var line in current)
        {
            if (line.Length > 0)
            {
                sb.Append(line).Append('\n'); // trailing tags such as EXT-X-ENDLIST
            }
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Rewrites an MPD: availabilityStartTime moves by the skew, startNumbers by the sequence offset.</summary>
    public static byte[] Mpd(byte[] mpd, ManifestView view)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(Encoding.UTF8.GetString(mpd));
        }
        catch (System.Xml.XmlException)
        {
            return mpd; // mid-write or broken: pass through as the encoder wrote it
        }

        var root = document.Root!;
        if (view.ClockSkew != TimeSpan.Zero && root.Attribute("availabilityStartTime") is { } ast && TryParseDate(ast.Value, out var start))
        {
            ast.Value = (start + view.ClockSkew).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (view.SequenceOffset != 0)
        {
            foreach (var template in root.Descendants(root.Name.Namespace + "SegmentTemplate"))
            {
                var number = template.Attribute("startNumber") is { } a && long.TryParse(a.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
                template.SetAttributeValue("startNumber", Math.Max(0, number + view.SequenceOffset).ToString(CultureInfo.InvariantCulture));
            }
        }

        return Encoding.UTF8.GetBytes(document.Declaration + "\n" + document.ToString(SaveOptions.DisableFormatting));
    }

    // ffmpeg writes "2026-11-21T23:35:21.179+0000"; RFC 3339 writers use "+00:00" or "Z".
    private static bool TryParseDate(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        text = text.Trim();
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]))
        {
            Span<char> fixedUp = stackalloc char[text.Length + 1];
            text[..^2].CopyTo(fixedUp);
            fixedUp[text.Length - 2] = ':';
            text[^2..].CopyTo(fixedUp[(text.Length - 1)..]);
            return DateTimeOffset.TryParse(fixedUp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
