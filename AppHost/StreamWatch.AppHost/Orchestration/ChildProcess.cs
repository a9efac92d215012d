using System.Diagnostics;
using StreamWatch.AppHost.Hosting;

namespace StreamWatch.AppHost.Orchestration;

/// <summary>
/// One run of a resource's process. It is started through <c>setsid</c> so it leads its own session and
/// process group: the terminal's Ctrl+C reaches only the AppHost (which then stops services in reverse
/// order), and stopping signals the whole group, so helpers the service started (ffmpeg) go too.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly string? Setsid = OperatingSystem.IsLinux() ? BinaryLocator.Find("setsid") : null;
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, bool ownGroup)
    {
        _process = process;
        OwnGroup = ownGroup;
    }

    /// <summary>The process id (also its process group id when <see cref="OwnGroup"/>).</summary>
    public int Id { get; private set; }

    /// <summary>True when it leads its own process group.</summary>
    public bool OwnGroup { get; }

    /// <summary>Completes with the exit code when the process exits (not waiting for its output pipes,
    /// which a surviving grandchild could hold open).</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>When it started (monotonic).</summary>
    public long StartedAt { get; private set; }

    /// <summary>Starts the resource's command with its arguments and environment, pumping output lines to <paramref name="onLine"/>.</summary>
    public static ChildProcess Start(Resource resource, Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var command = resource.Command?.Invoke() ?? throw new InvalidOperationException($"{resource.Name} has no command.");
        var startInfo = new ProcessStartInfo(Setsid ?? command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // services never read the terminal
            UseShellExecute = false,
            WorkingDirectory = resource.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (Setsid is not null)
        {
            startInfo.ArgumentList.Add(command);
        }

        foreach (var argument in resource.Arguments)
        {
            startInfo.ArgumentList.Add(argument());
        }

        var environment = resource.Environment.ToDictionary(e => e.Key, e => e.Value(), StringComparer.Ordinal);
        foreach (var callback in resource.EnvironmentCallbacks)
        {
            callback(environment);
        }

        // Marks the process as this run's (inherited by its helpers), so a later AppHost can find it if this one is killed.
        environment[RunStateFile.RunIdVariable] = RunStateFile.RunId;
        foreach (var (name, resolved) in environment)
        {
            if (resolved is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = resolved;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, Setsid is not null);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data);
            }
        };
        process.Exited += (_, _) => child._exited.TrySetResult(SafeExitCode(process));
        process.Start();
        child.Id = process.Id;
        child.StartedAt = Stopwatch.GetTimestamp();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            child._exited.TrySetResult(SafeExitCode(process));
        }

        return child;
    }

    /// <summary>
    /// SIGTERM to the group, up to <paramref name="timeout"/> for the exit, then SIGKILL; afterwards
    /// SIGKILL whatever is left in its group so no helper process survives it.
    /// </summary>
    /// <returns>True when it exited within the timeout (a graceful stop).</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        var graceful = true;
        if (!Exited.IsCompleted)
        {
            Signal(NativeMethods.SigTerm);
            graceful = await Task.WhenAny(Exited, Task.Delay(timeout)).ConfigureAwait(false) == Exited;
            if (!graceful)
            {
                Signal(NativeMethods.SigKill);
                KillTree();
                await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            }
        }

        SweepGroup();
        return graceful;
    }

    /// <summary>Kills the group at once (a second Ctrl+C, or a failed start).</summary>
    public void Kill()
    {
        Signal(NativeMethods.SigKill);
        KillTree();
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private void Signal(int signal)
    {
        if (Id <= 0)
        {
            return;
        }

        // The group while the leader lives; a group outlives its leader only through children, swept later.
        _ = OwnGroup ? NativeMethods.Kill(-Id, signal) : NativeMethods.Kill(Id, signal);
    }

    private void SweepGroup()
    {
        // A process group id cannot be reused while any member lives, so this reaches only our leftovers.
        if (OwnGroup && Id > 0)
        {
            _ = NativeMethods.Kill(-Id, NativeMethods.SigKill);
        }
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
