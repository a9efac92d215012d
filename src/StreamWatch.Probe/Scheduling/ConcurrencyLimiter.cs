using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Scheduling;

/// <summary>Bounds fetches in flight: <see cref="ProbeOptions.MaxConcurrency"/> overall, <see cref="ProbeOptions.MaxConcurrencyPerHost"/> per host.</summary>
internal sealed class ConcurrencyLimiter(IOptions<ProbeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _global = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a global and a per-host slot; dispose the lease to give both back.</summary>
    public async ValueTask<Lease> AcquireAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = _hosts.GetOrAdd(url.GetLeftPart(UriPartial.Authority), _ => new SemaphoreSlim(options.Value.MaxConcurrencyPerHost, options.Value.MaxConcurrencyPerHost));

        // Host first: a busy host must not hold global slots that other hosts could use.
        await host.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _global.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Release();
            throw;
        }

        return new Lease(_global, host);
    }

    public void Dispose()
    {
        _global.Dispose();
        foreach (var (_, host) in _hosts)
        {
            host.Dispose();
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
