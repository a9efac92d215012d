using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StreamWatch.Testing.Processes;

/// <summary>
/// A real binary started for a test (the Testcontainers stand-in: PLATFORM.md). It keeps the last
/// lines of its output for failure messages and is always torn down, its whole process tree,
/// when disposed.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ExternalProcessOptions _options;
    private readonly Queue<string> _output = new();
    private readonly string? _ownedDirectory;
    private int _disposed;

    private ExternalProcess(Process process, ExternalProcessOptions options, string? ownedDirectory)
    {
        _process = process;
        _options = options;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => Volatile.Read(ref _disposed) == 0 && !_process.HasExited;

    /// <summary>The exit code once it has exited (on its own or stopped); null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The working directory it runs in.</summary>
    public string WorkingDirectory => _process.StartInfo.WorkingDirectory;

    /// <summary>The last lines it wrote to stdout and stderr, oldest first.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the process and waits until its ready check passes.</summary>
    /// <exception cref="InvalidOperationException">It exited early or never became ready; the message carries its output.</exception>
    public static async Task<ExternalProcess> StartAsync(ExternalProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? owned = null;
        var workingDirectory = options.WorkingDirectory;
        if (workingDirectory is null)
        {
            owned = Directory.CreateTempSubdirectory($"streamwatch-{options.Name}-").FullName;
            workingDirectory = owned;
        }

        var startInfo = new ProcessStartInfo(options.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var result = new ExternalProcess(process, options, owned);
        process.OutputDataReceived += (_, e) => result.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => result.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await result.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch
        {
            await result.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop) and waits for the exit, killing the tree if it does not come.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SignalTerm(_process.Id, 15);
        }

        using var timeout = new CancellationTokenSource(_options.StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Kills the process tree at once, as a crash or an OOM kill would.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to tear down.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        Kill();
        _process.Dispose();
        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying child; the OS temp cleaner takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        if (_options.ReadyCheck is null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_options.Name} exited with code {_process.ExitCode} before it was ready. Output:\n{RecentOutput}");
            }

            try
            {
                if (await _options.ReadyCheck(timeout.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or HttpRequestException)
            {
                // Not listening yet.
            }

            try
            {
                await Task.Delay(50, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        throw new InvalidOperationException($"{_options.Name} was not ready within {_options.StartTimeout.TotalSeconds:0} s. Output:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Count == KeptLines)
            {
                _output.Dequeue();
            }

            _output.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SignalTerm(int pid, int signal);
}
