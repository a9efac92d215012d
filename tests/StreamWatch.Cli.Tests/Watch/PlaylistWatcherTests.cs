using System.Text;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Cli.Watch;
using StreamWatch.Media;
using StreamWatch.Testing.Time;

namespace StreamWatch.Cli.Tests.Watch;

/// <summary>The reload cadence and staleness rules, driven poll by poll on a manual clock.</summary>
public sealed class PlaylistWatcherTests
{
    private static readonly Uri Url = new("http://cdn.example/live/720p.m3u8");
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingReporter _reporter = new();

    [Fact]
    public void Poll_ChangedThenUnchanged_WaitsOneThenHalfTargetDuration()
    {
        using var watcher = new WatcherFixture(_time, _reporter);

        Assert.Equal(TimeSpan.FromSeconds(6), watcher.Poll(Playlists.LiveMedia(100, targetDuration: 6)));
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(TimeSpan.FromSeconds(3), watcher.Poll(Playlists.LiveMedia(100, targetDuration: 6)));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(6), watcher.Poll(Playlists.LiveMedia(101, targetDuration: 6)));

        Assert.Equal([true, false, true], _reporter.Heartbeats.Select(h => h.Changed));
    }

    [Fact]
    public void Poll_SlowFetch_MeasuresReloadIntervalFromWhenLoadingBegan()
    {
        using var watcher = new WatcherFixture(_time, _reporter);
        var began = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMilliseconds(400));

        var delay = watcher.Poll(Playlists.LiveMedia(100, targetDuration: 6), began);

        Assert.Equal(TimeSpan.FromMilliseconds(5_600), delay);
        Assert.Equal(delay, _reporter.Heartbeats[^1].NextPoll);
    }

    [Fact]
    public void Poll_UnchangedPastOneAndAHalfTargetDurations_IsStaleAndReportsOnce()
    {
        using var watcher = new WatcherFixture(_time, _reporter);
        var frozen = Playlists.LiveMedia(100, targetDuration: 2);

        watcher.Poll(frozen);
        _time.Advance(TimeSpan.FromSeconds(2));
        watcher.Poll(frozen);
        _time.Advance(TimeSpan.FromSeconds(1));
        watcher.Poll(frozen);
        Assert.Equal(HeartbeatState.Ok, _reporter.Heartbeats[^1].State);
        _time.Advance(TimeSpan.FromSeconds(1));
        watcher.Poll(frozen);
        _time.Advance(TimeSpan.FromSeconds(1));
        watcher.Poll(frozen);

        Assert.Equal([HeartbeatState.Ok, HeartbeatState.Ok, HeartbeatState.Ok, HeartbeatState.Stale, HeartbeatState.Stale], _reporter.Heartbeats.Select(h => h.State));
        Assert.Equal(TimeSpan.FromSeconds(5), _reporter.Heartbeats[^1].Age);
        var stale = Assert.Single(_reporter.Findings);
        Assert.Equal(PlaylistWatcher.StaleCode, stale.Code);
        Assert.Equal(FindingSeverity.Error, stale.Severity);
        Assert.Contains("4 s", stale.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(1));
        watcher.Poll(Playlists.LiveMedia(101, targetDuration: 2));
        Assert.Equal(HeartbeatState.Ok, _reporter.Heartbeats[^1].State);
        Assert.Equal(TimeSpan.Zero, _reporter.Heartbeats[^1].Age);
    }

    [Fact]
    public void Poll_FetchFailures_ReportOneFindingPerDistinctReasonAndRetryAtHalfTarget()
    {
        using var watcher = new WatcherFixture(_time, _reporter);

        watcher.Poll(Playlists.LiveMedia(100, targetDuration: 4));
        Assert.Equal(TimeSpan.FromSeconds(2), watcher.Fail("HTTP 503"));
        Assert.Equal(TimeSpan.FromSeconds(2), watcher.Fail("HTTP 503"));
        watcher.Fail("HTTP 404");
        watcher.Poll(Playlists.LiveMedia(101, targetDuration: 4));

        Assert.Equal(
            [PlaylistWatcher.FetchFailedCode, PlaylistWatcher.FetchFailedCode, PlaylistWatcher.FetchRecoveredCode],
            _reporter.Findings.Select(f => f.Code));
        Assert.Equal(3, _reporter.Heartbeats.Count(h => h.State == HeartbeatState.FetchFailed));
        Assert.All(_reporter.Heartbeats.Where(h => h.State == HeartbeatState.FetchFailed), h => Assert.Equal(100, h.MediaSequence));
    }

    [Fact]
    public void Poll_MediaSequenceGoesBack_ReportsContinuityFindingFromEngine()
    {
        using var watcher = new WatcherFixture(_time, _reporter);

        watcher.Poll(Playlists.LiveMedia(100));
        _time.Advance(TimeSpan.FromSeconds(1));
        watcher.Poll(Playlists.LiveMedia(90));

        Assert.Contains(_reporter.Findings, f => f.Code == "LIVE-MEDIA-SEQUENCE-REGRESSION");
    }

    [Fact]
    public void Poll_PlaylistWithEndList_EndsTheWatch()
    {
        using var watcher = new WatcherFixture(_time, _reporter);

        Assert.Null(watcher.Poll(Playlists.LiveMedia(0, endList: true)));
        Assert.Equal(HeartbeatState.Ended, Assert.Single(_reporter.Heartbeats).State);
    }

    private sealed class WatcherFixture(ManualTimeProvider time, IWatchReporter reporter) : IDisposable
    {
        private readonly ManifestFetcher _fetcher = new(FetchOptions.Default);
        private readonly SemaphoreSlim _gate = new(1, 1);
        private PlaylistWatcher? _watcher;

        private PlaylistWatcher Watcher => _watcher ??= new PlaylistWatcher(Url, _fetcher, _gate, FetchOptions.Default, time, reporter);

        public TimeSpan? Poll(string playlist, DateTimeOffset? began = null)
            => Watcher.Poll(FetchResult.Success(Url, Url, Encoding.UTF8.GetBytes(playlist), 200, PlaylistServer.HlsContentType), began);

        public TimeSpan? Fail(string reason) => Watcher.Poll(FetchResult.Failed(Url, FetchFailureKind.HttpStatus, reason));

        public void Dispose()
        {
            _fetcher.Dispose();
            _gate.Dispose();
        }
    }

    private sealed class RecordingReporter : IWatchReporter
    {
        public List<Heartbeat> Heartbeats { get; } = [];

        public List<Finding> Findings { get; } = [];

        public bool SawErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

        public void Started(IReadOnlyList<Uri> playlists, TimeSpan duration)
        {
        }

        public void Finished(TimeSpan elapsed)
        {
        }

        public void Heartbeat(Heartbeat heartbeat) => Heartbeats.Add(heartbeat);

        public void Finding(DateTimeOffset time, Finding finding) => Findings.Add(finding);
    }
}
