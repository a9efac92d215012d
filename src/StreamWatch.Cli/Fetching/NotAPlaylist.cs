using System.Text;

namespace StreamWatch.Cli.Fetching;

/// <summary>Explains why a body that was fetched is still not a manifest.</summary>
internal static class NotAPlaylist
{
    private const int ShownCharacters = 40;

    /// <summary>E.g. <c>neither an HLS playlist nor a DASH MPD (Content-Type text/html; starts with "&lt;!DOCTYPE html&gt;")</c>.</summary>
    public static string Reason(FetchResult fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        var builder = new StringBuilder("neither an HLS playlist nor a DASH MPD (");
        if (fetched.MediaType is { } mediaType)
        {
            builder.Append("Content-Type ").Append(mediaType).Append("; ");
        }

        var body = fetched.Body ?? [];
        if (body.Length == 0)
        {
            return builder.Append("empty body)").ToString();
        }

        builder.Append("starts with \"");
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ShownCharacters * 4));
        var shown = 0;
        foreach (var c in text.Trim().TrimStart('\uFEFF'))
        {
            if (shown == ShownCharacters)
            {
                builder.Append('…');
                break;
            }

            // One line on stderr: control characters and line breaks would split or garble it.
            builder.Append(char.IsControl(c) ? ' ' : c);
            shown++;
        }

        return builder.Append("\")").ToString();
    }
}
