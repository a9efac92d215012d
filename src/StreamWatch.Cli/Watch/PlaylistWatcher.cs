using System.Globalization;
using StreamWatch.Cli.Fetching;
using StreamWatch.Media;

namespace StreamWatch.Cli.Watch;

/// <summary>
/// Polls one media playlist (or MPD) until cancelled or until the presentation ends, reporting continuity
/// findings as they happen and one heartbeat per poll. Network trouble is reported, never thrown.
/// </summary>
internal sealed class PlaylistWatcher
{
    /// <summary>Code of the finding for a poll that could not fetch the playlist.</summary>
    public const string FetchFailedCode = "LIVE-FETCH-FAILED";

    /// <summary>Code of the finding for the first successful poll after failed ones.</summary>
    public const string FetchRecoveredCode = "LIVE-FETCH-RECOVERED";

    /// <summary>Code of the finding for a playlist unchanged for more than <see cref="StaleFactor"/> target durations.</summary>
    public const string StaleCode = "LIVE-PLAYLIST-STALE";

    /// <summary>A playlist unchanged for longer than this many target durations is stale (players run dry).</summary>
    public const double StaleFactor = 1.5;

    private readonly Uri _url;
    private readonly ManifestFetcher _fetcher;
    private readonly SemaphoreSlim _fetchGate;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly IWatchReporter _reporter;

    private ManifestAnalysis? _previous;
    private byte[]? _previousBody;
    private DateTimeOffset? _lastChange;
    private TimeSpan? _target;
    private int _failures;
    private string? _lastFailure;
    private bool _staleReported;

    public PlaylistWatcher(Uri url, ManifestFetcher fetcher, SemaphoreSlim fetchGate, FetchOptions options, TimeProvider time, IWatchReporter reporter)
    {
        _url = url;
        _fetcher = fetcher;
        _fetchGate = fetchGate;
        _options = options;
        _time = time;
        _reporter = reporter;
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled or the presentation ends.</summary>
    /// <param name="first">A fetch of the playlist already made (the input itself), used as the first poll.</param>
    /// <param name="firstStartedAt">When <paramref name="first"/> began loading.</param>
    /// <param name="cancellationToken">Ends the watch (duration elapsed or Ctrl+C); never surfaces as an exception.</param>
    public async Task RunAsync(FetchResult? first, DateTimeOffset firstStartedAt, CancellationToken cancellationToken)
    {
        var pending = first;
        var startedAt = firstStartedAt;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                FetchResult fetched;
                if (pending is not null)
                {
                    fetched = pending;
                    pending = null;
                }
                else
                {
                    (fetched, startedAt) = await FetchAsync(cancellationToken).ConfigureAwait(false);
                }

                if (Poll(fetched, startedAt) is not { } delay)
                {
                    return;
                }

                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<(FetchResult Result, DateTimeOffset StartedAt)> FetchAsync(CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var startedAt = _time.GetUtcNow();
            return (await _fetcher.FetchAsync(_url, cancellationToken).ConfigureAwait(false), startedAt);
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    /// <summary>
    /// Handles one poll's result; returns the delay before the next poll, or null when the watch of this playlist ends.
    /// RFC 8216bis 6.3.4 measures the reload interval from when the previous load began, so the time the fetch took
    /// is subtracted from it.
    /// </summary>
    /// <param name="fetched">This poll's fetch.</param>
    /// <param name="loadStartedAt">When this poll's fetch began; now when null.</param>
    internal TimeSpan? Poll(FetchResult fetched, DateTimeOffset? loadStartedAt = null)
    {
        var now = _time.GetUtcNow();
        var loading = loadStartedAt is { } started && started < now ? now - started : TimeSpan.Zero;
        if (!fetched.Succeeded)
        {
            return Failed(now, loading, fetched.Reason ?? "unknown error");
        }

        if (ManifestAnalyzer.Detect(fetched.Body) == ManifestKind.Unknown)
        {
            return Failed(now, loading, $"the body is {NotAPlaylist.Reason(fetched)}");
        }

        var current = ManifestAnalyzer.Analyze(fetched.Body, fetched.Url, now, _options.Limits);
        if (_failures > 0)
        {
            _reporter.Finding(now, new Finding(
                FetchRecoveredCode,
                FindingSeverity.Info,
                string.Create(CultureInfo.InvariantCulture, $"The playlist was fetched again after {_failures} failed {(_failures == 1 ? "poll" : "polls")}."),
                _url));
            _failures = 0;
            _lastFailure = null;
        }

        var changed = _previous is null || !fetched.Body.AsSpan().SequenceEqual(_previousBody) || Advanced(_previous, current);
        if (_previous is not null && changed)
        {
            foreach (var finding in ManifestAnalyzer.Compare(_previous, current))
            {
                _reporter.Finding(now, finding);
            }
        }

        if (changed || _lastChange is null)
        {
            _lastChange = now;
        }

        _target = ReloadPolicy.TargetDuration(current) ?? _target;
        var age = now - _lastChange.Value;
        var stale = IsStale(age);
        if (stale && !_staleReported)
        {
            _reporter.Finding(now, new Finding(
                StaleCode,
                FindingSeverity.Error,
                $"The playlist has not changed for {DurationSyntax.Format(age)}, more than {StaleFactor.ToString(CultureInfo.InvariantCulture)} × its {DurationSyntax.Format(_target!.Value)} target duration.",
                _url));
        }

        _staleReported = stale;
        _previous = current;
        _previousBody = fetched.Body;

        var summary = current.Playlists.Count > 0 ? current.Playlists[0] : null;
        var live = current.IsLive;
        var wait = live ? AfterLoading(ReloadPolicy.AfterPoll(current, changed), loading) : TimeSpan.Zero;
        var state = !live ? HeartbeatState.Ended : stale ? HeartbeatState.Stale : HeartbeatState.Ok;
        _reporter.Heartbeat(new Heartbeat(now, _url, state, summary?.MediaSequence, summary?.Segments, changed, age, _target, wait, null));
        return live ? wait : null;
    }

    private TimeSpan Failed(DateTimeOffset now, TimeSpan loading, string reason)
    {
        _failures++;

        // One finding when polls start failing (or fail differently), not one per poll: heartbeats carry the rest.
        if (!string.Equals(reason, _lastFailure, StringComparison.Ordinal))
        {
            _reporter.Finding(now, new Finding(FetchFailedCode, FindingSeverity.Error, $"The playlist could not be loaded: {reason}.", _url));
            _lastFailure = reason;
        }

        var age = _lastChange is { } changedAt ? now - changedAt : (TimeSpan?)null;
        var wait = AfterLoading(ReloadPolicy.AfterFailure(_target), loading);
        var summary = _previous?.Playlists.Count > 0 ? _previous.Playlists[0] : null;
        _reporter.Heartbeat(new Heartbeat(now, _url, HeartbeatState.FetchFailed, summary?.MediaSequence, summary?.Segments, false, age, _target, wait, reason));
        return wait;
    }

    private static TimeSpan AfterLoading(TimeSpan interval, TimeSpan loading) => interval > loading ? interval - loading : TimeSpan.Zero;

    private bool IsStale(TimeSpan age) => _target is { } target && age > target * StaleFactor;

    // A DASH MPD built on SegmentTemplate stays byte-identical while its live edge moves; the summaries show the move.
    private static bool Advanced(ManifestAnalysis previous, ManifestAnalysis current)
    {
        if (previous.Playlists.Count != current.Playlists.Count)
        {
            return true;
        }

        for (var i = 0; i < current.Playlists.Count; i++)
        {
            var (a, b) = (previous.Playlists[i], current.Playlists[i]);
            if (a.MediaSequence != b.MediaSequence || a.Segments != b.Segments)
            {
                return true;
            }
        }

        return false;
    }
}
