namespace StreamWatch.Media.Hls;

/// <summary>URI resolution as RFC 8216bis 4.1 asks: relative to the URI of the playlist that contains it (RFC 3986).</summary>
internal static class HlsUris
{
    public static Uri? Resolve(Uri baseUrl, string raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        // Uri.TryCreate with a base never throws; an absolute reference (http:, data:, skd:) ignores the base.
        if (baseUrl.IsAbsoluteUri && Uri.TryCreate(baseUrl, raw, out var resolved))
        {
            return resolved;
        }

        return Uri.TryCreate(raw, UriKind.RelativeOrAbsolute, out var plain) ? plain : null;
    }
}
