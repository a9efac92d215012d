using StreamWatch.Cli.Fetching;
using StreamWatch.Media;

namespace StreamWatch.Cli.Watch;

/// <summary>
/// Watches a live stream: a media playlist or MPD directly, or every media playlist a multivariant
/// playlist points to, each on its own reload cadence, with a bounded number of fetches at once.
/// </summary>
internal sealed class StreamWatcher(ManifestFetcher fetcher, FetchOptions options, TimeProvider time, IWatchReporter reporter)
{
    /// <summary>Most playlist fetches in flight at once across all watched playlists.</summary>
    public const int MaxConcurrentFetches = 8;

    /// <summary>
    /// Fetches the input, then polls until <paramref name="duration"/> has passed (from then on) or
    /// <paramref name="cancellationToken"/> is cancelled. Returns null when the watch ran, or the one-line reason
    /// the input itself could not be fetched or is not a playlist.
    /// </summary>
    public async Task<string?> WatchAsync(Uri url, TimeSpan duration, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var fetched = await fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return $"cannot fetch {url}: {fetched.Reason}";
        }

        if (ManifestAnalyzer.Detect(fetched.Body) == ManifestKind.Unknown)
        {
            return $"{fetched.Url} is {NotAPlaylist.Reason(fetched)}";
        }

        using var gate = new SemaphoreSlim(MaxConcurrentFetches, MaxConcurrentFetches);
        using var deadline = new CancellationTokenSource(duration, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        var analysis = ManifestAnalyzer.Analyze(fetched.Body, fetched.Url, time.GetUtcNow(), options.Limits);
        var watches = new List<Task>();
        if (analysis.Kind != ManifestKind.HlsMultivariant)
        {
            reporter.Started([fetched.Url], duration);
            watches.Add(Watcher(fetched.Url).RunAsync(fetched, startedAt, stop.Token));
        }
        else
        {
            // A multivariant playlist rarely changes; its media playlists are what goes stale or jumps.
            var children = analysis.ChildPlaylists.Distinct().ToArray();
            if (children.Length == 0)
            {
                return $"{fetched.Url} is a multivariant playlist that names no media playlists to watch";
            }

            reporter.Started(children, duration);
            foreach (var child in children)
            {
                watches.Add(Watcher(child).RunAsync(null, startedAt, stop.Token));
            }
        }

        await Task.WhenAll(watches).ConfigureAwait(false);
        reporter.Finished(time.GetUtcNow() - startedAt);
        return null;

        PlaylistWatcher Watcher(Uri playlist) => new(playlist, fetcher, gate, options, time, reporter);
    }
}
