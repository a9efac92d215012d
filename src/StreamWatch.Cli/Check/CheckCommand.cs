using System.CommandLine;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Output;

namespace StreamWatch.Cli.Check;

/// <summary><c>streamwatch check &lt;url-or-file&gt; [--format text|json] [--timeout duration]</c>.</summary>
internal static class CheckCommand
{
    public static Command Create(CliServices services)
    {
        var input = new Argument<string>("url-or-file")
        {
            Description = "The HLS playlist or DASH MPD: an http(s) URL, a file:// URL or a path.",
        };
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Json);
        var timeout = CommonOptions.Timeout();
        var command = new Command(
            "check",
            "Fetch a playlist or MPD once (and, for a multivariant playlist, every playlist it names) and report what is wrong. "
            + "Exit code 0: no error findings; 1: error findings; 2: the input could not be fetched or read.")
        {
            input,
            format,
            timeout,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var fetch = parse.GetValue(timeout) is { } requestTimeout ? services.Fetch with { RequestTimeout = requestTimeout } : services.Fetch;
            return RunAsync(parse.GetRequiredValue(input), CommonOptions.FormatValue(parse, format), fetch, services, parse.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string input, OutputFormat format, FetchOptions fetch, CliServices services, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        if (!ManifestLocation.TryResolve(input, services.WorkingDirectory, out var url, out var error))
        {
            await ErrorLine.WriteAsync(io.Error, error).ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        using var fetcher = new ManifestFetcher(fetch);
        var outcome = await new StreamChecker(fetcher, fetch, services.Time).CheckAsync(url, cancellationToken).ConfigureAwait(false);
        if (outcome.Report is not { } report)
        {
            await ErrorLine.WriteAsync(io.Error, outcome.Failure ?? "unknown failure").ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        if (format == OutputFormat.Json)
        {
            CheckJsonWriter.Write(io.Output, report);
        }
        else
        {
            CheckTextWriter.Write(Terminal.Create(io.Output), report);
        }

        await io.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report.HasErrors ? ExitCodes.ErrorFindings : ExitCodes.Ok;
    }
}
