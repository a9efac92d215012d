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

    private readonly List<(string StreamId, StreamSource Source, bool Origin, LoopTracker.Slot Slot)> _sources = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered here, not in ExecuteAsync (which .NET 10 runs on a background thread), so the probe never
        // looks idle before discovery has begun.
        foreach (var stream in streams.Value.Streams)
        {
            foreach (var source in stream.Sources)
            {
                _sources.Add((stream.Id, source, false, loops.Register()));
            }

            // The origin is polled like one more source, under the reserved CDN name "origin".
            if (stream.Origin is { Length: > 0 } origin)
            {
                _sources.Add((stream.Id, new StreamSource { Cdn = RenditionTarget.OriginCdn, Url = origin }, true, loops.Register()));
            }
        }

        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tasks = new List<Task>(_sources.Count);
        foreach (var (streamId, source, origin, slot) in _sources)
        {
            tasks.Add(DiscoverAsync(streamId, source.Cdn, new Uri(source.Url), origin, slot, stoppingToken));
        }

        return Task.WhenAll(tasks);
    }

    private async Task DiscoverAsync(string streamId, string cdn, Uri url, bool origin, LoopTracker.Slot slot, CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, Loop>(StringComparer.Ordinal);
        var ladder = new LadderCheck();
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

                var entry = fetch.Body is { } body ? ManifestAnalyzer.Analyze(body, url, time.GetUtcNow()) : null;
                var targets = entry is not null ? RenditionDiscovery.Discover(streamId, cdn, url, entry, origin) : [];
                if (targets.Count == 0)
                {
                    metrics.Error(ErrorKinds.Discovery);
                    LogDiscoveryFailed(logger, streamId, cdn, fetch.ErrorKind ?? ErrorKinds.Invalid, fetch.Result.HttpStatus);
                    wait = wait < DiscoveryRetry ? wait : DiscoveryRetry;
                }
                else
                {
                    ladder.SetMultivariant(entry);
                    Reconcile(targets, running, ladder, stoppingToken);
                }

                // The timer exists before the loop says it waits (see PollLoopAsync).
                var due = time.GetUtcNow() + wait;
                var sleep = Task.Delay(wait, time, stoppingToken);
                slot.WaitUntil(due);
                await sleep.ConfigureAwait(false);
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
                await loop.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                loop.Stop.Dispose();
            }

            slot.Dispose();
        }
    }

    /// <summary>
    /// Starts a loop per HLS rendition and one per MPD (polling all its representations from one fetch), stops loops
    /// whose renditions are gone, and restarts a loop whose renditions changed.
    /// </summary>
    private void Reconcile(IReadOnlyList<RenditionTarget> targets, Dictionary<string, Loop> running, LadderCheck ladder, CancellationToken stoppingToken)
    {
        var groups = new Dictionary<string, List<RenditionTarget>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var target in targets)
        {
            var key = target.Representation is null ? target.Key : "dash:" + target.Url.AbsoluteUri;
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }

            group.Add(target);
        }

        var now = time.GetUtcNow();
        for (var i = 0; i < order.Count; i++)
        {
            var key = order[i];
            var group = groups[key];
            if (running.TryGetValue(key, out var existing))
            {
                if (existing.Targets.SequenceEqual(group))
                {
                    continue;
                }

                Stop(existing, group);
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var states = new RenditionState[group.Count];
            for (var j = 0; j < group.Count; j++)
            {
                var target = group[j];
                LogRenditionAdded(logger, target.StreamId, target.Cdn, target.RenditionId, target.Url);
                states[j] = registry.Add(target);
            }

            var slot = loops.Register();
            var first = now + (StartSpread * i / order.Count);
            running[key] = new Loop(group, states, stop, PollLoopAsync(states, group[0].Representation is null ? ladder : null, slot, first, stop.Token));
        }

        foreach (var key in running.Keys.ToArray())
        {
            if (!groups.ContainsKey(key))
            {
                Stop(running[key], []);
                running.Remove(key);
            }
        }

        // The cross-rendition check covers the HLS renditions polled now (DASH has no such check).
        var hls = new List<RenditionState>(running.Count);
        foreach (var (_, loop) in running)
        {
            if (loop.States is [{ Target.Representation: null } single])
            {
                hls.Add(single);
            }
        }

        ladder.SetRenditions([.. hls]);
    }

    /// <summary>Stops a loop; renditions not in <paramref name="kept"/> leave the registry, the skew tracker and the gauges.</summary>
    private void Stop(Loop loop, IReadOnlyList<RenditionTarget> kept)
    {
        loop.Stop.Cancel();
        foreach (var target in loop.Targets)
        {
            if (!kept.Contains(target))
            {
                LogRenditionRemoved(logger, target.StreamId, target.Cdn, target.RenditionId);
                registry.Remove(target);
                skew.Forget(target.StreamId, target.RenditionId, target.Cdn);
            }
        }

        _ = loop.Task.ContinueWith(static (_, stop) => ((CancellationTokenSource)stop!).Dispose(), loop.Stop, TaskScheduler.Default);
    }

    private async Task PollLoopAsync(RenditionState[] states, LadderCheck? ladder, LoopTracker.Slot slot, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var target = states[0].Target;
        var dash = target.Representation is not null;
        var lagTags = new TagList { { "stream", target.StreamId }, { "cdn", target.Cdn } };
        var urgent = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var state in states)
                {
                    state.Scheduled(due);
                }

                // Start the timer before saying the loop waits: a manual test clock may be advanced to `due` as soon as
                // every loop waits, and a timer created after that advance would be due one delay too late (a hang).
                var delay = due - time.GetUtcNow();
                var sleep = delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
                slot.WaitUntil(due);
                await sleep.ConfigureAwait(false);
                slot.Working();
                if (!dash && states[0].NextBlocking is { } directive)
                {
                    due = await BlockingPollAsync(states[0], directive, ladder, due, lagTags, cancellationToken).ConfigureAwait(false);
                    urgent = false;
                    continue;
                }

                PollResult result;
                DateTimeOffset started;
                // The reload at the stale deadline is urgent: its lateness is the verdict's (ConcurrencyLimiter).
                using (await limiter.AcquireAsync(target.Url, urgent, cancellationToken).ConfigureAwait(false))
                {
                    started = time.GetUtcNow();
                    metrics.SchedulerLag.Record((started - due).TotalSeconds, lagTags);
                    foreach (var state in states)
                    {
                        state.LateBy = started - due;
                    }

                    try
                    {
                        result = dash
                            ? await poller.PollDashAsync(states, cancellationToken).ConfigureAwait(false)
                            : await poller.PollAsync(states[0], ladder, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A bug in one poll must not end the rendition's monitoring.
                        LogPollCrashed(logger, e, target.StreamId, target.Cdn, target.RenditionId);
                        result = new PollResult(false, false, states[0].TargetDuration, dash ? states[0].TargetDuration : null);
                    }
                }

                // Reloads are timed from the start of the poll (RFC 8216bis 6.3.4), or at the stale deadline when that
                // is sooner; an overrun polls again at once. A playlist that offers blocking reloads is asked again
                // right after this answer (ReloadPolicy.NextBlocking).
                var ended = time.GetUtcNow();
                urgent = false;
                due = !dash && states[0].NextBlocking is not null
                    ? ReloadPolicy.NextBlocking(started, ended)
                    : ReloadPolicy.Next(result, started, ended, out urgent);
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

    /// <summary>
    /// One LL-HLS blocking reload (RFC 8216bis 6.2.5.2). It does not take a concurrency slot: the server holds it until
    /// the next part or segment exists, one per rendition at most, and holding slots would starve every other rendition
    /// on the host. The stale verdict does not wait for it: at the stale deadline (+ <see cref="ReloadPolicy.StaleCheckMargin"/>)
    /// a request still held is the evidence (the server answers as soon as something new exists), so the verdict is
    /// reported then and the request keeps waiting for its answer.
    /// </summary>
    /// <returns>When to reload next: at once (after <see cref="ReloadPolicy.MinimumSpacing"/>) while blocking continues or
    /// after a failed blocking reload (a normal reload then measures), else by the normal policy.</returns>
    private async Task<DateTimeOffset> BlockingPollAsync(
        RenditionState state, BlockingDirective directive, LadderCheck? ladder, DateTimeOffset due, TagList lagTags, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var started = time.GetUtcNow();
        metrics.SchedulerLag.Record((started - due).TotalSeconds, lagTags);
        state.LateBy = started - due;
        PollResult? result;
        try
        {
            var fetch = poller.FetchBlockingAsync(state, directive, cancellationToken);
            if (state.StaleDeadline is { } deadline && !fetch.IsCompleted)
            {
                var verdictAt = deadline + ReloadPolicy.StaleCheckMargin;
                using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var wait = verdictAt - started;
                var timer = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, watch.Token);
                if (await Task.WhenAny(fetch, timer).ConfigureAwait(false) == timer && !fetch.IsCompleted && !cancellationToken.IsCancellationRequested)
                {
                    poller.ReportHeldStale(state);
                }

                await watch.CancelAsync().ConfigureAwait(false);
            }

            result = await poller.CompleteBlockingAsync(state, await fetch.ConfigureAwait(false), directive, ladder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPollCrashed(logger, e, target.StreamId, target.Cdn, target.RenditionId);
            state.NextBlocking = null;
            state.BlockingPausedUntil = time.GetUtcNow() + ManifestPoller.BlockingPause(state.TargetDuration);
            result = null;
        }

        var ended = time.GetUtcNow();
        return result is { } polled && state.NextBlocking is null
            ? ReloadPolicy.Next(polled, started, ended)
            : ReloadPolicy.NextBlocking(started, ended);
    }

    /// <summary>A running poll loop and the renditions it polls.</summary>
    private sealed record Loop(IReadOnlyList<RenditionTarget> Targets, RenditionState[] States, CancellationTokenSource Stop, Task Task);
}
