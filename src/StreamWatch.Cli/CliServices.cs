using StreamWatch.Cli.Fetching;

namespace StreamWatch.Cli;

/// <summary>What the commands run with; the process uses the defaults, tests replace them.</summary>
internal sealed record CliServices
{
    /// <summary>The process defaults.</summary>
    public static CliServices Default { get; } = new();

    /// <summary>The clock that timestamps snapshots and paces polls; defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Fetch timeouts and limits; <c>--timeout</c> overrides <see cref="FetchOptions.RequestTimeout"/>.</summary>
    public FetchOptions Fetch { get; init; } = FetchOptions.Default;

    /// <summary>Folder that relative file paths resolve against; defaults to the current directory.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// Whether Ctrl+C and SIGTERM cancel the running command (and wait up to 2 seconds for it to finish cleanly).
    /// True for the process; in-process tests cancel through a token instead.
    /// </summary>
    public bool HandleTerminationSignals { get; init; } = true;
}
