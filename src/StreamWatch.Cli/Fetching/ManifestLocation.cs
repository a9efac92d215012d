using System.Diagnostics.CodeAnalysis;

namespace StreamWatch.Cli.Fetching;

/// <summary>Turns what a person typed (<c>https://...</c>, <c>file://...</c> or a path) into an absolute URI.</summary>
internal static class ManifestLocation
{
    /// <summary>
    /// Resolves <paramref name="input"/>: an absolute http, https or file URI as given, anything else as a
    /// file path relative to <paramref name="workingDirectory"/>. Child playlists of a local file then
    /// resolve relative to the file.
    /// </summary>
    public static bool TryResolve(string input, string workingDirectory, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "no URL or file given";
            return false;
        }

        // "C:\x" and "/x" are absolute URIs to Uri (file scheme); only accept schemes a person types on purpose.
        if (input.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(input, UriKind.Absolute, out var parsed))
            {
                error = $"'{input}' is not a valid URL";
                return false;
            }

            if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps && !parsed.IsFile)
            {
                error = $"unsupported URL scheme '{parsed.Scheme}' (use http, https, file or a path)";
                return false;
            }

            url = parsed;
            return true;
        }

        try
        {
            url = new Uri(Path.GetFullPath(input, workingDirectory));
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or UriFormatException)
        {
            error = $"'{input}' is not a valid path: {ex.Message}";
            return false;
        }
    }
}
