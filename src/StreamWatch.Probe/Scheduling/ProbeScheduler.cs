using System.Diagnostics;
using Microsoft.Extensions.Options;
using StreamWatch.Media;
using StreamWatch.Probe.Discovery;
using StreamWatch.Probe.Measurement;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Scheduling;

/// <summary>
/// Runs one discovery loop per configured source and one poll loop per discovered rendition, each sleeping on the
/// injected <see cref="TimeProvider"/> until its next reload is due.
/// </summary>
internal sealed partial class ProbeScheduler(
    IOptions<StreamsOptions> streams,
    IOptions<ProbeOptions> options,
    HttpFetcher fetcher,
    ManifestPoller poller,
    ConcurrencyLimiter limiter,
    TargetRegistry registry,
    SkewTracker skew,
    LoopTracker loops,
    ProbeMetrics metrics,
    TimeProvider time,
    ILogger<ProbeScheduler> logger) : BackgroundService
{
    /// <summary>The first polls of a source's renditions are spread across this window, not fired in lock-step.</summary>
    public static readonly TimeSpan StartSpread = TimeSpan.FromSeconds(1);

    /// <summary>Retry interval of a discovery that failed.</summary>
    public static readonly TimeSpan DiscoveryRetry = TimeSpan.FromSeconds(5);

    private readonly List<(string StreamId, StreamSource Source, LoopTracker.Slot Slot)> _sources = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered here, not in ExecuteAsync (which .NET 10 runs on a background thread), so the probe never
        // looks idle before discovery has begun.
        foreach (var stream in streams.Value.Streams)
        {
            foreach (var source in stream.Sources)
            {
                _sources.Add((stream.Id, source, loops.Register()));
            }
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tasks = new List<Task>(_sources.Count);
        foreach (var (streamId, source, slot) in _sources)
        {
            tasks.Add(DiscoverAsync(streamId, source.Cdn, new Uri(source.Url), slot, stoppingToken));
        }

        return Task.WhenAll(tasks);
    }

    private async Task DiscoverAsync(string streamId, string cdn, Uri url, LoopTracker.Slot slot, CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, (RenditionTarget Target, CancellationTokenSource Stop, Task Loop)>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Value.DiscoveryInterval;
                Fetch fetch;
                using (await limiter.AcquireAsync(url, stoppingToken).ConfigureAwait(false))
                {
                    fetch = await fetcher.GetAsync(url, keepBody: true, stoppingToken).ConfigureAwait(false);
                }

                var targets = fetch.Body is { } body
                    ? RenditionDiscovery.Discover(streamId, cdn, url, ManifestAnalyzer.Analyze(body, url, time.GetUtcNow()))
                    : [];
                if (targets.Count == 0)
                {
                    metrics.Errors.Add(1, new KeyValuePair<string, object?>("kind", "discovery"));
                    LogDiscoveryFailed(logger, streamId, cdn, RenditionState.OutcomeName(fetch.Result.Outcome), fetch.Result.HttpStatus);
                    wait = wait < DiscoveryRetry ? wait : DiscoveryRetry;
                }
                else
                {
                    Reconcile(targets, running, stoppingToken);
                }

                var due = time.GetUtcNow() + wait;
                slot.WaitUntil(due);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                slot.Working();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var (_, loop) in running)
            {
                await loop.Stop.CancelAsync().ConfigureAwait(false);
            }

            foreach (var (_, loop) in running)
            {
                await loop.Loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                loop.Stop.Dispose();
            }

            slot.Dispose();
        }
    }

    private void Reconcile(IReadOnlyList<RenditionTarget> targets, Dictionary<string, (RenditionTarget Target, CancellationTokenSource Stop, Task Loop)> running, CancellationToken stoppingToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            wanted.Add(target.Key);
            if (running.TryGetValue(target.Key, out var existing) && existing.Target == target)
            {
                continue;
            }

            if (existing.Stop is not null)
            {
                Stop(existing);
            }

            LogRenditionAdded(logger, target.StreamId, target.Cdn, target.RenditionId, target.Url);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var state = registry.Add(target);
            var slot = loops.Register();
            var first = now + (StartSpread * i / targets.Count);
            running[target.Key] = (target, stop, PollLoopAsync(state, slot, first, stop.Token));
        }

        foreach (var key in running.Keys.ToArray())
        {
            if (!wanted.Contains(key))
            {
                Stop(running[key]);
                running.Remove(key);
            }
        }
    }

    private void Stop((RenditionTarget Target, CancellationTokenSource Stop, Task Loop) loop)
    {
        LogRenditionRemoved(logger, loop.Target.StreamId, loop.Target.Cdn, loop.Target.RenditionId);
        loop.Stop.Cancel();
        registry.Remove(loop.Target);
        skew.Forget(loop.Target.StreamId, loop.Target.RenditionId, loop.Target.Cdn);
        _ = loop.Loop.ContinueWith(static (_, stop) => ((CancellationTokenSource)stop!).Dispose(), loop.Stop, TaskScheduler.Default);
    }

    private async Task PollLoopAsync(RenditionState state, LoopTracker.Slot slot, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var lagTags = new TagList { { "stream", target.StreamId }, { "cdn", target.Cdn } };
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                state.Scheduled(due);
                slot.WaitUntil(due);
                var delay = due - time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }

                slot.Working();
                PollResult result;
                DateTimeOffset started;
                using (await limiter.AcquireAsync(target.Url, cancellationToken).ConfigureAwait(false))
                {
                    started = time.GetUtcNow();
                    metrics.SchedulerLag.Record((started - due).TotalSeconds, lagTags);
                    try
                    {
                        result = await poller.PollAsync(state, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A bug in one poll must not end the rendition's monitoring.
                        LogPollCrashed(logger, e, target.StreamId, target.Cdn, target.RenditionId);
                        result = new PollResult(false, false, state.TargetDuration, null);
                    }
                }

                // Reloads are timed from the start of the poll (RFC 8216bis 6.3.4); an overrun polls again at once.
                due = started + ReloadPolicy.After(result);
                var now = time.GetUtcNow();
                if (due < now)
                {
                    due = now;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            slot.Dispose();
        }
    }
}
