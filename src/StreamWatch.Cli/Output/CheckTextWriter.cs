using System.Globalization;
using Spectre.Console;
using StreamWatch.Cli.Check;
using StreamWatch.Media;

namespace StreamWatch.Cli.Output;

/// <summary>Writes a check report for people: a playlists table, then findings grouped by severity.</summary>
internal static class CheckTextWriter
{
    private static readonly (FindingSeverity Severity, string Title, Color Colour)[] Groups =
    [
        (FindingSeverity.Error, "Errors", Color.Red),
        (FindingSeverity.Warning, "Warnings", Color.Yellow),
        (FindingSeverity.Info, "Info", Color.Grey),
    ];

    public static void Write(IAnsiConsole console, CheckReport report)
    {
        console.Write(new Markup($"[bold]{ContractNames.Kind(report.Kind)}[/]  {Markup.Escape(report.Url.IsFile ? report.Url.LocalPath : report.Url.AbsoluteUri)}"));
        console.WriteLine();
        console.WriteLine();
        WritePlaylists(console, report);

        var counts = new int[3];
        foreach (var finding in report.Findings)
        {
            counts[(int)finding.Severity]++;
        }

        foreach (var (severity, title, colour) in Groups)
        {
            if (counts[(int)severity] > 0)
            {
                WriteFindings(console, report, severity, $"{title} ({counts[(int)severity].ToString(CultureInfo.InvariantCulture)})", colour);
            }
        }

        var verdict = counts[(int)FindingSeverity.Error] > 0 ? "[red]FAIL[/]" : "[green]OK[/]";
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{verdict}  {report.Playlists.Count} {Plural(report.Playlists.Count, "playlist")}, {counts[2]} {Plural(counts[2], "error")}, {counts[1]} {Plural(counts[1], "warning")}, {counts[0]} info"));
    }

    private static void WritePlaylists(IAnsiConsole console, CheckReport report)
    {
        if (report.Playlists.Count == 0)
        {
            console.WriteLine("No media playlists.");
            console.WriteLine();
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Playlists");
        table.AddColumn("Playlist");
        table.AddColumn("Kind");
        table.AddColumn("Live");
        table.AddColumn(new TableColumn("Target (s)").RightAligned());
        table.AddColumn(new TableColumn("Media seq").RightAligned());
        table.AddColumn(new TableColumn("Segments").RightAligned());
        table.AddColumn(new TableColumn("Duration (s)").RightAligned());
        foreach (var p in report.Playlists)
        {
            // DASH representations all share the MPD's URL: their id tells them apart.
            var name = Terminal.Display(p.Url, report.Url);
            if (!string.IsNullOrEmpty(p.Name))
            {
                name = p.Url == report.Url ? p.Name : $"{name} ({p.Name})";
            }

            table.AddRow(
                new Text(name),
                new Text(p.Kind),
                new Text(p.Live ? "live" : "vod"),
                new Text(p.TargetDuration?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"),
                new Text(p.MediaSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                new Text(p.Segments.ToString(CultureInfo.InvariantCulture)),
                new Text(p.DurationSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
        }

        console.Write(table);
        console.WriteLine();
    }

    private static void WriteFindings(IAnsiConsole console, CheckReport report, FindingSeverity severity, string title, Color colour)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(colour).Title(title, new Style(colour, decoration: Decoration.Bold));
        table.AddColumn("Code");
        table.AddColumn("Message");
        table.AddColumn("Where");
        foreach (var f in report.Findings)
        {
            if (f.Severity == severity)
            {
                table.AddRow(new Text(f.Code, new Style(colour)), new Text(f.Message), new Text(Where(f, report.Url)));
            }
        }

        console.Write(table);
        console.WriteLine();
    }

    /// <summary><c>video/720p.m3u8:12</c>, <c>manifest.mpd MPD/Period[0]</c>, or the report's own URL.</summary>
    public static string Where(Finding finding, Uri root)
    {
        var where = Terminal.Display(finding.Url ?? root, root);
        if (finding.Line is { } line)
        {
            where = string.Create(CultureInfo.InvariantCulture, $"{where}:{line}");
        }

        return finding.Path is { } path ? $"{where} {path}" : where;
    }

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
