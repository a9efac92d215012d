using System.Globalization;
using Spectre.Console;
using StreamWatch.Cli.Check;
using StreamWatch.Cli.Watch;
using StreamWatch.Media;

namespace StreamWatch.Cli.Output;

/// <summary>Writes <c>watch --format text</c>: one line per heartbeat and per finding, coloured on a terminal.</summary>
internal sealed class WatchTextReporter(IAnsiConsole console, Uri root) : IWatchReporter
{
    private readonly Lock _gate = new();
    private volatile bool _sawErrors;
    private int _polls;
    private readonly int[] _findings = new int[3];

    public bool SawErrors => _sawErrors;

    public void Started(IReadOnlyList<Uri> playlists, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(playlists);
        var what = playlists.Count == 1
            ? Terminal.Display(playlists[0], root)
            : string.Create(CultureInfo.InvariantCulture, $"{playlists.Count} media playlists of {Terminal.Display(root, root)}");
        lock (_gate)
        {
            console.MarkupLine($"Watching {Markup.Escape(what)} for {DurationSyntax.Format(duration)} (Ctrl+C to stop)");
        }
    }

    public void Finished(TimeSpan elapsed)
    {
        lock (_gate)
        {
            var verdict = _findings[(int)FindingSeverity.Error] > 0 ? "[red]FAIL[/]" : "[green]OK[/]";
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{verdict}  {_polls} polls in {DurationSyntax.Format(elapsed)}, {_findings[2]} errors, {_findings[1]} warnings, {_findings[0]} info"));
        }
    }

    public void Heartbeat(Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var state = heartbeat.State switch
        {
            HeartbeatState.Ok => "[green]ok[/]",
            HeartbeatState.Stale => "[red]STALE[/]",
            HeartbeatState.FetchFailed => "[red]FETCH FAILED[/]",
            _ => "[grey]ended[/]",
        };
        var sequence = heartbeat.MediaSequence?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var age = heartbeat.Age is { } a ? Seconds(a) : "-";
        var target = heartbeat.TargetDuration is { } t ? Seconds(t) : "-";
        var detail = heartbeat.State switch
        {
            HeartbeatState.FetchFailed => $"  {Markup.Escape(heartbeat.Error ?? string.Empty)}",
            HeartbeatState.Ended => string.Empty,
            _ => $"  next {Seconds(heartbeat.NextPoll)}",
        };
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[grey]{Time(heartbeat.Time)}[/]  {Markup.Escape(Terminal.Display(heartbeat.Url, root))}  seq {sequence}  {(heartbeat.Changed ? "changed  " : "same     ")}age {age} / target {target}  {state}{detail}");
        lock (_gate)
        {
            _polls++;
            console.MarkupLine(line);
        }
    }

    public void Finding(DateTimeOffset time, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Severity == FindingSeverity.Error)
        {
            _sawErrors = true;
        }

        var severity = finding.Severity switch
        {
            FindingSeverity.Error => "[red bold]ERROR[/]",
            FindingSeverity.Warning => "[yellow bold]WARN[/] ",
            _ => "[blue]INFO[/] ",
        };
        var line = $"[grey]{Time(time)}[/]  {severity}  {Markup.Escape(finding.Code)}  {Markup.Escape(CheckTextWriter.Where(finding, root))}  {Markup.Escape(finding.Message)}";
        lock (_gate)
        {
            _findings[(int)finding.Severity]++;
            console.MarkupLine(line);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
