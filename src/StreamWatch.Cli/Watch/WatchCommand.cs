using System.CommandLine;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Output;

namespace StreamWatch.Cli.Watch;

/// <summary><c>streamwatch watch &lt;url&gt; [--duration 60s] [--format text|jsonl] [--timeout duration]</c>.</summary>
internal static class WatchCommand
{
    /// <summary>How long a watch runs when <c>--duration</c> is not given: 60 seconds.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);

    public static Command Create(CliServices services)
    {
        var input = new Argument<string>("url")
        {
            Description = "The live HLS playlist (multivariant or media) or DASH MPD: an http(s) URL, a file:// URL or a path.",
        };
        var duration = CommonOptions.Duration("--duration", "How long to watch, e.g. 500ms, 30s, 2m, 1h (default 60s). Ctrl+C ends the watch early.", DefaultDuration);
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Jsonl);
        var timeout = CommonOptions.Timeout();
        var command = new Command(
            "watch",
            "Poll a live stream at the reload cadence the specifications allow and print continuity findings as they happen, "
            + "plus one heartbeat per poll. Exit code 0: no error findings; 1: error findings; 2: the input could not be fetched at the start.")
        {
            input,
            duration,
            format,
            timeout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var fetch = parse.GetValue(timeout) is { } requestTimeout ? services.Fetch with { RequestTimeout = requestTimeout } : services.Fetch;
            return RunAsync(parse.GetRequiredValue(input), parse.GetValue(duration), CommonOptions.FormatValue(parse, format), fetch, services, parse.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string input, TimeSpan duration, OutputFormat format, FetchOptions fetch, CliServices services, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        if (!ManifestLocation.TryResolve(input, services.WorkingDirectory, out var url, out var error))
        {
            await ErrorLine.WriteAsync(io.Error, error).ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        IWatchReporter reporter = format == OutputFormat.Jsonl
            ? new WatchJsonlReporter(io.Output)
            : new WatchTextReporter(Terminal.Create(io.Output), url);
        using var fetcher = new ManifestFetcher(fetch);
        string? failure;
        try
        {
            failure = await new StreamWatcher(fetcher, fetch, services.Time, reporter).WatchAsync(url, duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C before the first fetch completed: a clean, empty watch.
            failure = null;
        }

        if (failure is not null)
        {
            await ErrorLine.WriteAsync(io.Error, failure).ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        await io.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return reporter.SawErrors ? ExitCodes.ErrorFindings : ExitCodes.Ok;
    }
}
