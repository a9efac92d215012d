namespace StreamWatch.Testing.Processes;

/// <summary>How to start a real binary for a test.</summary>
public sealed record ExternalProcessOptions
{
    /// <summary>Short name used in diagnostics, e.g. <c>redis</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the executable.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments, passed one by one (no shell quoting).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Working directory; a fresh temporary folder when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Returns true once the process serves; polled until <see cref="StartTimeout"/>.
    /// Null means ready as soon as it is started.
    /// </summary>
    public Func<CancellationToken, Task<bool>>? ReadyCheck { get; init; }

    /// <summary>How long to wait for <see cref="ReadyCheck"/>; defaults to 30 seconds.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a graceful exit after SIGTERM before killing; defaults to 5 seconds.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
