using System.CommandLine;
using StreamWatch.Cli.Check;
using StreamWatch.Cli.Drill;
using StreamWatch.Cli.Output;
using StreamWatch.Cli.Watch;

namespace StreamWatch.Cli;

/// <summary>The <c>streamwatch</c> command line: parses, runs one command, returns the exit code.</summary>
internal static class StreamWatchCli
{
    // How long Ctrl+C / SIGTERM waits for a command to wind down before the process exits anyway.
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(2);

    public static RootCommand CreateRootCommand(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new RootCommand("StreamWatch: health checks for live HLS and DASH streams.")
        {
            CheckCommand.Create(services),
            WatchCommand.Create(services),
            DrillCommand.Create(services),
        };
    }

    /// <summary>Runs the command line <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    /// <returns>The process exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CliServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = CreateRootCommand(services).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors share exit code 2 with an unreadable input: 1 must keep meaning "error findings" for scripts.
            foreach (var parseError in parse.Errors)
            {
                await ErrorLine.WriteAsync(error, parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'streamwatch --help' for usage.").ConfigureAwait(false);
            return ExitCodes.InputUnavailable;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = services.HandleTerminationSignals ? TerminationGrace : null,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last line of defence: a bug must still end as one line on stderr and a distinct exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await ErrorLine.WriteAsync(error, $"internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }
}
