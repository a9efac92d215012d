using Spectre.Console;

namespace StreamWatch.Cli.Output;

/// <summary>Creates the Spectre.Console console that human-readable output goes through.</summary>
internal static class Terminal
{
    // Wide enough that typical CDN URLs and finding messages do not wrap when output goes to a file or a pipe.
    private const int RedirectedWidth = 160;

    /// <summary>
    /// A console over <paramref name="writer"/>: colours and the real width on an interactive terminal
    /// (Spectre honours NO_COLOR), plain text otherwise so files, pipes and tests see no escape codes.
    /// </summary>
    public static IAnsiConsole Create(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>
    /// <paramref name="url"/> relative to the folder of <paramref name="root"/> when it lies below it
    /// (<c>video/720p.m3u8</c>; the root itself by its file name), the full URL otherwise; people scan short names faster.
    /// </summary>
    public static string Display(Uri url, Uri root)
    {
        if (url == root)
        {
            // The report's header names the input in full; in rows its file name is enough.
            var name = url.Segments.Length > 0 ? Uri.UnescapeDataString(url.Segments[^1]) : string.Empty;
            return name.Length > 0 && name != "/" ? name : url.AbsoluteUri;
        }

        if (Uri.Compare(url, root, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            var folder = new Uri(root, ".");
            var relative = folder.MakeRelativeUri(url).OriginalString;
            if (!relative.StartsWith("../", StringComparison.Ordinal) && !relative.Contains("://", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(relative);
            }
        }

        return url.AbsoluteUri;
    }
}
