using System.Diagnostics;
using System.Globalization;
using StreamWatch.AppHost.Hosting;

namespace StreamWatch.AppHost.Orchestration;

/// <summary>
/// Runs one resource: starts it, waits for its health, and while the application runs restarts it
/// with exponential backoff whenever it exits; stops it (group SIGTERM, SIGKILL on timeout) on shutdown.
/// </summary>
internal sealed class ResourceRunner
{
    private const int KeptLines = 40;
    private readonly ConsoleLog _log;
    private readonly Action<ResourceEvent> _record;
    private readonly Action _changed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<string> _recent = new();
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChildProcess? _current;
    private Task _supervision = Task.CompletedTask;

    public ResourceRunner(Resource resource, ConsoleLog log, Action<ResourceEvent> record, Action changed)
    {
        Resource = resource;
        _log = log;
        _record = record;
        _changed = changed;
    }

    public Resource Resource { get; }

    /// <summary>Completes once the resource has been healthy (its dependents may start).</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>The running process id, 0 when none.</summary>
    public int ProcessId => _current is { Exited.IsCompleted: false } current ? current.Id : 0;

    /// <summary>How many times it was restarted after exiting.</summary>
    public int Restarts { get; private set; }

    /// <summary>True once started (dependents may rely on it; it is stopped on shutdown).</summary>
    public bool WasStarted { get; private set; }

    /// <summary>The last lines it wrote, for error messages.</summary>
    public string[] RecentOutput()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    /// <summary>Starts the process and waits until it is healthy, then supervises it in the background.</summary>
    /// <exception cref="ResourceStartException">It exited or stayed unhealthy.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WasStarted = true;
        if (Resource.IsExternal)
        {
            await WaitHealthyAsync(null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var waited = Resource.WaitsFor.Count == 0 ? string.Empty : $" ({string.Join(", ", Resource.WaitsFor)} healthy)";
        _log.Info($"starting {Resource.Name}{waited}");
        var child = Launch();
        await WaitHealthyAsync(child, cancellationToken).ConfigureAwait(false);
        _log.Info($"{Resource.Name} is healthy");
        _supervision = SuperviseAsync(child);
    }

    /// <summary>Stops it: no more restarts, then SIGTERM to its group and SIGKILL after the stop timeout.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var child = _current;
        if (child is not null)
        {
            Record(ResourceEventKind.Stopping, child.Id);
            var graceful = await child.StopAsync(Resource.StopTimeout).ConfigureAwait(false);
            Record(ResourceEventKind.Stopped, child.Id, graceful ? "graceful" : "killed");
            if (!graceful)
            {
                _log.Info($"{Resource.Name} did not stop within {Seconds(Resource.StopTimeout)}; killed its process group");
            }
        }

        await _supervision.ConfigureAwait(false);
        _changed();
    }

    /// <summary>Kills it at once (a second Ctrl+C).</summary>
    public void Kill()
    {
        _stopping.Cancel();
        _current?.Kill();
    }

    private ChildProcess Launch()
    {
        Record(ResourceEventKind.Starting, 0);
        var child = ChildProcess.Start(Resource, Keep);
        _current = child;
        Record(ResourceEventKind.Started, child.Id);
        _changed();
        return child;
    }

    private async Task WaitHealthyAsync(ChildProcess? child, CancellationToken cancellationToken, bool recordExit = true)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Resource.StartTimeout);
        while (true)
        {
            if (child is { Exited.IsCompleted: true })
            {
                var code = await child.Exited.ConfigureAwait(false);
                if (recordExit)
                {
                    Record(ResourceEventKind.Exited, child.Id, code.ToString(CultureInfo.InvariantCulture));
                }

                throw new ResourceStartException(
                    $"{Resource.Name} exited with code {code} before it was healthy{Hint()}. Its output is above, prefixed '{Resource.Name} |'.");
            }

            try
            {
                if (Resource.HealthCheck is null || await Resource.HealthCheck(timeout.Token).ConfigureAwait(false))
                {
                    Record(ResourceEventKind.Healthy, child?.Id ?? 0);
                    _healthy.TrySetResult();
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ResourceStartException(
                    $"{Resource.Name} was not healthy within {Seconds(Resource.StartTimeout)}{Hint()}.");
            }
        }
    }

    private async Task SuperviseAsync(ChildProcess child)
    {
        var attempt = 0;
        while (true)
        {
            var code = await child.Exited.ConfigureAwait(false);
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            Record(ResourceEventKind.Exited, child.Id, code.ToString(CultureInfo.InvariantCulture));
            var ran = Stopwatch.GetElapsedTime(child.StartedAt);
            attempt = ran >= Resource.Restart.StableAfter ? 1 : attempt + 1;
            var delay = Resource.Restart.DelayFor(attempt);
            child.Dispose();
            _current = null;
            _changed();
            _log.Info($"{Resource.Name} exited with code {code} after {Seconds(ran)}; restarting in {Seconds(delay)} (restart {attempt})");
            Record(ResourceEventKind.Restarting, 0, delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                Restarts++;
                child = Launch();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                _log.Info($"{Resource.Name} could not be restarted: {ex.Message}");
                return;
            }

            _ = ReportHealthyAsync(child);
        }
    }

    private async Task ReportHealthyAsync(ChildProcess child)
    {
        try
        {
            await WaitHealthyAsync(child, _stopping.Token, recordExit: false).ConfigureAwait(false);
            _log.Info($"{Resource.Name} is healthy again");
        }
        catch (Exception ex) when (ex is ResourceStartException or OperationCanceledException)
        {
            // The supervision loop sees the exit and restarts again; a shutdown ends it.
        }
    }

    private void Keep(string line)
    {
        _log.Line(Resource.Name, line);
        lock (_recent)
        {
            if (_recent.Count == KeptLines)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(line);
        }
    }

    // The most telling line of its output (a validation error names the setting), appended to the message.
    private string Hint()
    {
        var lines = RecentOutput();
        var telling = Array.FindLast(lines, l => l.Contains(" must ", StringComparison.Ordinal))
                      ?? Array.FindLast(lines, l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase));
        return telling is null ? string.Empty : $": {telling.Trim()}";
    }

    private void Record(ResourceEventKind kind, int pid, string? detail = null) => _record(new ResourceEvent(0, Resource.Name, kind, pid, detail));

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
