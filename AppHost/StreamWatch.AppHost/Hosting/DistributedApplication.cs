using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using StreamWatch.AppHost.Orchestration;

namespace StreamWatch.AppHost.Hosting;

/// <summary>
/// The orchestrator for a declared model: checks prerequisites, chooses ports, starts each resource
/// once what it waits for is healthy, supervises them, and on Ctrl+C/SIGTERM stops them in reverse order.
/// </summary>
internal sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly List<Resource> _resources;
    private readonly List<ResourceRunner> _runners = [];
    private readonly ConcurrentQueue<ResourceEvent> _events = new();
    private readonly List<ResourceRunner> _startOrder = [];
    private readonly Lock _gate = new();
    private long _sequence;
    private bool _ready;
    private int _stopped;

    public DistributedApplication(DistributedApplicationBuilder builder, IReadOnlyList<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = builder;
        _resources = TopologicalOrder(resources);
    }

    /// <summary>Everything that happened to the resources, in order.</summary>
    public IReadOnlyList<ResourceEvent> Events => [.. _events];

    /// <summary>The resources in start order (dependencies first).</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Runners by resource name (after <see cref="StartAsync"/>).</summary>
    public ResourceRunner Runner(string name) => _runners.Find(r => r.Resource.Name == name)
        ?? throw new KeyNotFoundException($"No resource '{name}'.");

    /// <summary>The builder for <paramref name="args"/> (Aspire's entry point).</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => DistributedApplicationBuilder.Create(args);

    /// <summary>
    /// Runs until Ctrl+C or SIGTERM. Returns 0 after a clean stop, 2 when a prerequisite is missing or a
    /// service could not start (one line on stderr says what to install or change).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var log = _builder.Log;
        if (_builder.Options.Help && _builder.OptionsError is null)
        {
            Console.WriteLine(AppHostOptions.Usage);
            return 0;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                log.Info($"{context.Signal} received: stopping (again to kill at once)");
                shutdown.Cancel();
            }
            else
            {
                log.Info("killing every service now");
                Kill();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            await StartAsync(shutdown.Token).ConfigureAwait(false);
            PrintSummary();
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is PrerequisiteException or ResourceStartException)
        {
            await StopAsync().ConfigureAwait(false);
            log.Error(ex.Message);
            return 2;
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks prerequisites, chooses ports and starts every resource, returning once all are healthy.</summary>
    /// <exception cref="PrerequisiteException">Something is missing; nothing was started.</exception>
    /// <exception cref="ResourceStartException">A resource failed to start; what had started is still running (call <see cref="StopAsync"/>).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_builder.OptionsError is { } optionsError)
        {
            throw optionsError;
        }

        var state = _builder.Options.StateDirectory;
        try
        {
            Directory.CreateDirectory(state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PrerequisiteException($"cannot create the state directory {state} ({ex.Message}); pass --state-dir DIR or set XDG_STATE_HOME.", ex);
        }

        if (RunStateFile.FindRunningInstance(state) is { } other)
        {
            throw new PrerequisiteException($"another StreamWatch AppHost (pid {other}) is running with the state directory {state}; stop it first, or pass --state-dir DIR.");
        }

        await StopLeftoversAsync(state).ConfigureAwait(false);

        foreach (var resource in _resources)
        {
            foreach (var check in resource.Prerequisites)
            {
                check();
            }
        }

        AllocatePorts();
        foreach (var note in _builder.Notes)
        {
            _builder.Log.Info(note);
        }

        foreach (var resource in _resources)
        {
            _runners.Add(new ResourceRunner(resource, _builder.Log, Record, WriteState));
        }

        WriteState();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var starts = new Dictionary<Resource, Task>();
        foreach (var runner in _runners)
        {
            starts[runner.Resource] = StartWhenReadyAsync(runner, starts, failed);
        }

        try
        {
            await Task.WhenAll(starts.Values).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A sibling failed first: report that failure, not this cancellation.
            var first = starts.Values.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (first is not null)
            {
                throw first;
            }

            throw;
        }

        _ready = true;
        WriteState();
    }

    /// <summary>Stops what a killed earlier AppHost on this state directory left running (it would hold ports and Redis data).</summary>
    private async Task StopLeftoversAsync(string state)
    {
        var (previous, runId, leftovers) = Leftovers.Find(state);
        if (leftovers.Count == 0)
        {
            return;
        }

        foreach (var leftover in leftovers)
        {
            _builder.Log.Info($"stopping {leftover.Name} (pid {leftover.Pid}), left running by an earlier AppHost (pid {previous}) that was killed before it could stop it");
        }

        await Leftovers.StopAsync(leftovers, runId, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <summary>Stops every started resource in reverse start order; idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _ready = false;
        List<ResourceRunner> order;
        lock (_gate)
        {
            order = [.. _startOrder];
        }

        // Not-yet-started runners may still be waiting; they only need their supervision cancelled.
        foreach (var runner in _runners.Except(order))
        {
            await runner.StopAsync().ConfigureAwait(false);
        }

        order.Reverse();
        foreach (var runner in order)
        {
            if (runner.ProcessId != 0)
            {
                _builder.Log.Info($"stopping {runner.Resource.Name}");
            }

            await runner.StopAsync().ConfigureAwait(false);
        }

        if (_runners.Count > 0)
        {
            RunStateFile.Delete(_builder.Options.StateDirectory);
            _builder.Log.Info("stopped");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Kill()
    {
        foreach (var runner in _runners)
        {
            runner.Kill();
        }
    }

    private async Task StartWhenReadyAsync(ResourceRunner runner, Dictionary<Resource, Task> starts, CancellationTokenSource failed)
    {
        try
        {
            foreach (var dependency in runner.Resource.WaitsFor)
            {
                await starts[dependency].WaitAsync(failed.Token).ConfigureAwait(false);
            }

            failed.Token.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _startOrder.Add(runner);
            }

            await runner.StartAsync(failed.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void AllocatePorts()
    {
        var taken = new HashSet<int>();
        foreach (var endpoint in _resources.Where(r => !r.IsExternal).SelectMany(r => r.Endpoints).OrderBy(e => e.IsFixed ? 0 : 1))
        {
            if (endpoint.IsFixed)
            {
                if (!IsFree(endpoint.DefaultPort) || !taken.Add(endpoint.DefaultPort))
                {
                    throw new PrerequisiteException(
                        $"port {endpoint.DefaultPort} ({endpoint.Owner.Name} {endpoint.Name}) is in use by another program; stop it, or choose another port"
                        + (endpoint.Owner.Name == "gateway" ? " with --gateway-port N." : "."));
                }

                endpoint.Port = endpoint.DefaultPort;
                continue;
            }

            if (endpoint.DefaultPort != 0 && !_builder.Options.FreePorts && !taken.Contains(endpoint.DefaultPort) && IsFree(endpoint.DefaultPort))
            {
                endpoint.Port = endpoint.DefaultPort;
            }
            else
            {
                int port;
                do
                {
                    port = FreePort();
                }
                while (!taken.Add(port));
                endpoint.Port = port;
                if (endpoint.DefaultPort != 0 && !_builder.Options.FreePorts)
                {
                    _builder.Log.Info($"port {endpoint.DefaultPort} is in use: {endpoint.Owner.Name} {endpoint.Name} uses {endpoint.Url}");
                }
            }

            taken.Add(endpoint.Port);
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private void PrintSummary()
    {
        var log = _builder.Log;
        log.Info("StreamWatch is ready:");
        foreach (var resource in _resources)
        {
            foreach (var line in resource.SummaryLines)
            {
                log.Info("  " + line());
            }
        }

        log.Info($"  state        {Path.Combine(_builder.Options.StateDirectory, RunStateFile.FileName)}");
        log.Info("Press Ctrl+C to stop.");
    }

    private void Record(ResourceEvent e) => _events.Enqueue(e with { Sequence = Interlocked.Increment(ref _sequence) });

    private void WriteState()
    {
        try
        {
            lock (_gate)
            {
                RunStateFile.Write(_builder.Options.StateDirectory, _ready, _runners);
            }
        }
        catch (IOException ex)
        {
            _builder.Log.Info($"could not write {RunStateFile.FileName}: {ex.Message}");
        }
    }

    // Dependencies first, otherwise declaration order; a cycle is a bug in Program.cs.
    private static List<Resource> TopologicalOrder(IReadOnlyList<Resource> resources)
    {
        var order = new List<Resource>(resources.Count);
        var visiting = new HashSet<Resource>();
        void Visit(Resource resource)
        {
            if (order.Contains(resource))
            {
                return;
            }

            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"Resources wait for each other in a cycle through '{resource.Name}'.");
            }

            foreach (var dependency in resource.WaitsFor)
            {
                if (!resources.Contains(dependency))
                {
                    throw new InvalidOperationException($"'{resource.Name}' waits for '{dependency.Name}', which is not declared.");
                }

                Visit(dependency);
            }

            order.Add(resource);
        }

        foreach (var resource in resources)
        {
            Visit(resource);
        }

        return order;
    }
}
