using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Scheduling;

/// <summary>
/// Bounds fetches in flight: <see cref="ProbeOptions.MaxConcurrency"/> overall, <see cref="ProbeOptions.MaxConcurrencyPerHost"/>
/// per host. Urgent fetches (the reload at a stale deadline, whose lateness is the verdict's lateness) do not queue
/// behind a burst of ordinary ones: when no ordinary slot is free they take one of a few reserved slots
/// (<see cref="UrgentSlotsPerHost"/> per host, <see cref="UrgentSlots"/> overall), so in-flight fetches exceed the
/// limits by at most those.
/// </summary>
internal sealed class ConcurrencyLimiter(IOptions<ProbeOptions> options) : IDisposable
{
    /// <summary>Reserved slots per host for urgent fetches.</summary>
    public const int UrgentSlotsPerHost = 2;

    /// <summary>Reserved slots overall for urgent fetches.</summary>
    public const int UrgentSlots = 8;

    private readonly SemaphoreSlim _global = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly SemaphoreSlim _urgent = new(UrgentSlots, UrgentSlots);
    private readonly ConcurrentDictionary<string, (SemaphoreSlim Slots, SemaphoreSlim Urgent)> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a global and a per-host slot; dispose the lease to give both back.</summary>
    public ValueTask<Lease> AcquireAsync(Uri url, CancellationToken cancellationToken) => AcquireAsync(url, urgent: false, cancellationToken);

    /// <summary>As <see cref="AcquireAsync(Uri, CancellationToken)"/>; an urgent fetch may take a reserved slot instead of queueing.</summary>
    public async ValueTask<Lease> AcquireAsync(Uri url, bool urgent, CancellationToken cancellationToken)
    {
        var slots = _hosts.GetOrAdd(url.GetLeftPart(UriPartial.Authority), _ => (
            new SemaphoreSlim(options.Value.MaxConcurrencyPerHost, options.Value.MaxConcurrencyPerHost),
            new SemaphoreSlim(UrgentSlotsPerHost, UrgentSlotsPerHost)));

        // Host first: a busy host must not hold global slots that other hosts could use.
        var host = await TakeAsync(slots.Slots, urgent ? slots.Urgent : null, cancellationToken).ConfigureAwait(false);
        try
        {
            var global = await TakeAsync(_global, urgent ? _urgent : null, cancellationToken).ConfigureAwait(false);
            return new Lease(global, host);
        }
        catch
        {
            host.Release();
            throw;
        }
    }

    /// <summary>An ordinary slot when one is free at once; else, for an urgent fetch, a reserved one; else whichever frees first.</summary>
    private static async ValueTask<SemaphoreSlim> TakeAsync(SemaphoreSlim slots, SemaphoreSlim? reserved, CancellationToken cancellationToken)
    {
        if (reserved is null)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return slots;
        }

        if (slots.Wait(0, CancellationToken.None))
        {
            return slots;
        }

        if (reserved.Wait(0, CancellationToken.None))
        {
            return reserved;
        }

        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ordinary = slots.WaitAsync(race.Token);
        var spare = reserved.WaitAsync(race.Token);
        var first = await Task.WhenAny(ordinary, spare).ConfigureAwait(false);
        await race.CancelAsync().ConfigureAwait(false);
        var other = first == ordinary ? spare : ordinary;
        try
        {
            // Both granted before the cancel landed: give the second back.
            await other.ConfigureAwait(false);
            (other == ordinary ? slots : reserved).Release();
        }
        catch (OperationCanceledException)
        {
        }

        await first.ConfigureAwait(false);
        return first == ordinary ? slots : reserved;
    }

    public void Dispose()
    {
        _global.Dispose();
        _urgent.Dispose();
        foreach (var (_, host) in _hosts)
        {
            host.Slots.Dispose();
            host.Urgent.Dispose();
        }
    }

    /// <summary>A held pair of slots.</summary>
    internal readonly struct Lease(SemaphoreSlim global, SemaphoreSlim host) : IDisposable
    {
        public void Dispose()
        {
            global.Release();
            host.Release();
        }
    }
}
