using System.Globalization;
using StreamWatch.Cli.Watch;
using StreamWatch.Media;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// What the drill's watches saw, turned into timeline events: heartbeats and findings from the watch machinery
/// (one <see cref="IWatchReporter"/> per CDN), judged against the injection and clearing instants.
/// Thread-safe: playlist watchers report concurrently; events reach the output in order, one at a time.
/// </summary>
internal sealed class DrillObservation
{
    /// <summary>Polls of each targeted playlist, the last one healthy, before the fault is injected.</summary>
    public const int BaselinePolls = 2;

    /// <summary>
    /// Media sequences this far behind the other CDN's same rendition are lag. One segment is normal: the two CDNs
    /// are polled at different instants, so one may be read just before a segment is published and the other just after.
    /// </summary>
    public const long LagSegments = 2;

    private readonly Lock _gate = new();
    private readonly Dictionary<Uri, PlaylistState> _playlists = [];
    private readonly HashSet<string> _cdnsStarted = new(StringComparer.Ordinal);
    private readonly List<DrillEvent> _events = [];
    private readonly string _cdn;
    private readonly string? _rendition;
    private readonly IDrillOutput _output;
    private TaskCompletionSource _changed = NewSignal();
    private DateTimeOffset? _injectedAt;
    private DateTimeOffset? _clearedAt;

    public DrillObservation(string cdn, string? rendition, IDrillOutput output)
    {
        _cdn = cdn;
        _rendition = rendition;
        _output = output;
    }

    /// <summary>The reporter for the watch of one stream (its multivariant playlist) on <paramref name="cdn"/>.</summary>
    public IWatchReporter ReporterFor(string cdn) => new CdnReporter(this, cdn);

    /// <summary>Completes at the next report; re-read the state then.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Every event so far, in order.</summary>
    public IReadOnlyList<DrillEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>True once every targeted playlist had <see cref="BaselinePolls"/> polls and the last was healthy.</summary>
    public bool BaselineReady
    {
        get
        {
            lock (_gate)
            {
                var targeted = _playlists.Values.Where(p => p.Targeted).ToArray();
                return targeted.Length > 0
                    && _cdnsStarted.Contains(_cdn)
                    && targeted.All(p => p.Polls >= BaselinePolls && p.Healthy);
            }
        }
    }

    /// <summary>Why the baseline is not ready, for the error line: each targeted playlist not yet healthy and its last state.</summary>
    public string BaselineProblem
    {
        get
        {
            lock (_gate)
            {
                var waiting = _playlists.Values.Where(p => p.Targeted && !(p.Polls >= BaselinePolls && p.Healthy)).Select(p => $"{p.Rendition}: {p.LastState}").ToArray();
                return waiting.Length == 0 ? $"no playlist of {_cdn} answered yet" : string.Join(", ", waiting);
            }
        }
    }

    /// <summary>The longest target duration among the targeted playlists (bounds scale with it); null before the first poll.</summary>
    public TimeSpan? TargetDuration
    {
        get
        {
            lock (_gate)
            {
                return _playlists.Values.Where(p => p.Targeted && p.TargetDuration is not null).Select(p => p.TargetDuration).Max();
            }
        }
    }

    /// <summary>The first symptom on a targeted playlist while the fault was in (injected, not yet cleared), if any.</summary>
    public DrillEvent? FirstSymptom
    {
        get
        {
            lock (_gate)
            {
                return _events.Find(e => e.Kind == DrillEventKind.Symptom && e.Targeted && (_clearedAt is null || e.Time < _clearedAt));
            }
        }
    }

    /// <summary>
    /// After clearing: true once every targeted playlist that showed a symptom has been healthy again (and moving);
    /// false while one has not; null when none showed a symptom (nothing to recover from).
    /// </summary>
    public bool? Recovered
    {
        get
        {
            lock (_gate)
            {
                var hit = _playlists.Values.Where(p => p.Targeted && p.Symptomatic).ToArray();
                return hit.Length == 0 ? null : _clearedAt is not null && hit.All(p => p.RecoveredAt is not null);
            }
        }
    }

    /// <summary>When the last symptomatic playlist recovered, once all have.</summary>
    public DateTimeOffset? RecoveredAt
    {
        get
        {
            lock (_gate)
            {
                var hit = _playlists.Values.Where(p => p.Targeted && p.Symptomatic).ToArray();
                return hit.Length > 0 && hit.All(p => p.RecoveredAt is not null) ? hit.Max(p => p.RecoveredAt) : null;
            }
        }
    }

    /// <summary>Records the baseline, reached at <paramref name="at"/>, as a timeline line.</summary>
    public void Baseline(DateTimeOffset at)
    {
        lock (_gate)
        {
            var targeted = _playlists.Values.Where(p => p.Targeted).OrderBy(p => p.Rendition, StringComparer.Ordinal).ToArray();
            var target = targeted.Select(p => p.TargetDuration).Max();
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{targeted.Length} {(targeted.Length == 1 ? "playlist" : "playlists")} healthy for {BaselinePolls}+ polls ({string.Join(", ", targeted.Select(p => p.Rendition))}), target duration {(target is { } t ? DurationSyntax.Format(t) : "unknown")}");
            Add(new DrillEvent(at, null, DrillEventKind.Baseline, _cdn, null, detail, true));
        }
    }

    /// <summary>The fault is in: symptoms count from <paramref name="at"/>.</summary>
    public void Injected(DateTimeOffset at, string detail)
    {
        lock (_gate)
        {
            _injectedAt = at;
            Add(new DrillEvent(at, TimeSpan.Zero, DrillEventKind.Injected, null, null, detail, true));
        }
    }

    /// <summary>The fault is out: healthy polls from <paramref name="at"/> on are recoveries.</summary>
    public void Cleared(DateTimeOffset at, string detail)
    {
        lock (_gate)
        {
            _clearedAt = at;
            Add(new DrillEvent(at, Offset(at), DrillEventKind.Cleared, null, null, detail, true));
        }
    }

    /// <summary>When the fault was injected; null before.</summary>
    public DateTimeOffset? InjectedAt
    {
        get
        {
            lock (_gate)
            {
                return _injectedAt;
            }
        }
    }

    /// <summary>When the fault was cleared; null before.</summary>
    public DateTimeOffset? ClearedAt
    {
        get
        {
            lock (_gate)
            {
                return _clearedAt;
            }
        }
    }

    /// <summary>
    /// Adds a line that the gateway or the webhook receiver observed at <paramref name="time"/> (offset from injection;
    /// none before it) and wakes whoever waits on <see cref="Changed"/>.
    /// </summary>
    public DrillEvent Record(DateTimeOffset time, DrillEventKind kind, string? cdn, string? rendition, string detail, bool targeted, DrillEventFacts? facts)
    {
        lock (_gate)
        {
            var drillEvent = new DrillEvent(time, Offset(time), kind, cdn, rendition, detail, targeted, facts);
            Add(drillEvent);
            Signal();
            return drillEvent;
        }
    }

    private void OnStarted(string cdn, Uri root, IReadOnlyList<Uri> playlists)
    {
        lock (_gate)
        {
            foreach (var url in playlists)
            {
                var rendition = RenditionOf(url, root);
                _playlists[url] = new PlaylistState(cdn, rendition, cdn == _cdn && (_rendition is null || rendition == _rendition));
            }

            _cdnsStarted.Add(cdn);
            Signal();
        }
    }

    private void OnHeartbeat(Heartbeat heartbeat)
    {
        lock (_gate)
        {
            if (!_playlists.TryGetValue(heartbeat.Url, out var playlist))
            {
                return;
            }

            playlist.Polls++;
            playlist.TargetDuration = heartbeat.TargetDuration ?? playlist.TargetDuration;
            if (heartbeat.MediaSequence is { } sequence && heartbeat.State != HeartbeatState.FetchFailed)
            {
                playlist.MediaSequence = sequence;
            }

            var lag = LagBehindOthers(playlist);
            playlist.Healthy = heartbeat.State == HeartbeatState.Ok && lag is null;
            playlist.LastState = heartbeat.State switch
            {
                HeartbeatState.FetchFailed => $"fetch failed ({heartbeat.Error})",
                HeartbeatState.Stale => "stale",
                HeartbeatState.Ended => "ended",
                _ => lag is null ? "ok" : "lagging",
            };

            if (_injectedAt is not null)
            {
                switch (heartbeat.State)
                {
                    case HeartbeatState.Stale:
                        Symptom(heartbeat.Time, playlist, "stale", string.Create(
                            CultureInfo.InvariantCulture,
                            $"stale (age {Seconds(heartbeat.Age)} > {PlaylistWatcher.StaleFactor} × {Seconds(heartbeat.TargetDuration)})"));
                        break;
                    case HeartbeatState.FetchFailed:
                        Symptom(heartbeat.Time, playlist, "fetch:" + heartbeat.Error, $"fetch failed: {heartbeat.Error}");
                        break;
                    case HeartbeatState.Ended:
                        Symptom(heartbeat.Time, playlist, "ended", "the playlist ended (ENDLIST): a live stream stopped");
                        break;
                }

                if (lag is { } behind)
                {
                    Symptom(heartbeat.Time, playlist, "lag", behind);
                }

                // Recovered: healthy and moving again after the fault was cleared (a healthy but frozen poll is not proof).
                if (_clearedAt is { } cleared && heartbeat.Time >= cleared && playlist.Symptomatic && playlist.RecoveredAt is null
                    && playlist.Healthy && heartbeat.Changed)
                {
                    playlist.RecoveredAt = heartbeat.Time;
                    playlist.Reported.Clear();
                    Add(new DrillEvent(heartbeat.Time, Offset(heartbeat.Time), DrillEventKind.Recovered, playlist.Cdn, playlist.Rendition,
                        string.Create(CultureInfo.InvariantCulture, $"recovered: fetched, changed, seq {playlist.MediaSequence}"), playlist.Targeted));
                }
            }

            Signal();
        }
    }

    private void OnFinding(DateTimeOffset time, Finding finding)
    {
        // The watch's own stale and fetch-failed findings repeat what the heartbeat said (with less detail).
        if (finding.Severity == FindingSeverity.Info || finding.Code is PlaylistWatcher.StaleCode or PlaylistWatcher.FetchFailedCode)
        {
            return;
        }

        lock (_gate)
        {
            if (_injectedAt is not null && finding.Url is { } url && _playlists.TryGetValue(url, out var playlist))
            {
                Symptom(time, playlist, finding.Code, $"{finding.Code} ({(finding.Severity == FindingSeverity.Error ? "error" : "warning")}): {finding.Message}");
                Signal();
            }
        }
    }

    // Called under the lock. One line per kind of symptom per playlist until it recovers.
    private void Symptom(DateTimeOffset time, PlaylistState playlist, string key, string detail)
    {
        if (!playlist.Reported.Add(key))
        {
            return;
        }

        playlist.Symptomatic = true;
        Add(new DrillEvent(time, Offset(time), DrillEventKind.Symptom, playlist.Cdn, playlist.Rendition, detail, playlist.Targeted));
    }

    // Called under the lock: the same rendition further ahead on another CDN.
    private string? LagBehindOthers(PlaylistState playlist)
    {
        if (playlist.MediaSequence is not { } mine)
        {
            return null;
        }

        foreach (var other in _playlists.Values)
        {
            if (other.Cdn != playlist.Cdn && other.Rendition == playlist.Rendition && other.MediaSequence is { } theirs && theirs - mine >= LagSegments)
            {
                return string.Create(CultureInfo.InvariantCulture, $"behind {other.Cdn} by {theirs - mine} segments (media sequence {mine} vs {theirs})");
            }
        }

        return null;
    }

    private void Add(DrillEvent drillEvent)
    {
        _events.Add(drillEvent);
        _output.Event(drillEvent);
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private TimeSpan? Offset(DateTimeOffset time) => _injectedAt is { } injected ? time - injected : null;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One decimal, as people read ages against a target duration: "9.1 s".
    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.0' s'", CultureInfo.InvariantCulture) : "?";

    /// <summary>
    /// The rendition a media playlist stands for: its file name without extension (<c>video/720p.m3u8</c>), or, when that
    /// name is generic (<c>index</c>, <c>playlist</c>, <c>prog_index</c>, <c>chunklist</c>), the folder it sits in (the Lab's <c>720p/index.m3u8</c>).
    /// </summary>
    internal static string RenditionOf(Uri playlist, Uri root)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var relative = Output.Terminal.Display(playlist, root);
        var path = relative.Contains("://", StringComparison.Ordinal) ? Uri.UnescapeDataString(playlist.AbsolutePath) : relative;
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        if (slash > 0 && stem is "index" or "playlist" or "prog_index" or "chunklist")
        {
            var folder = path[..slash];
            return folder[(folder.LastIndexOf('/') + 1)..];
        }

        return stem;
    }

    private sealed class PlaylistState(string cdn, string rendition, bool targeted)
    {
        public string Cdn { get; } = cdn;

        public string Rendition { get; } = rendition;

        public bool Targeted { get; } = targeted;

        public int Polls { get; set; }

        public bool Healthy { get; set; }

        public string LastState { get; set; } = "not polled yet";

        public TimeSpan? TargetDuration { get; set; }

        public long? MediaSequence { get; set; }

        public bool Symptomatic { get; set; }

        public DateTimeOffset? RecoveredAt { get; set; }

        public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
    }

    private sealed class CdnReporter(DrillObservation observation, string cdn) : IWatchReporter
    {
        public bool SawErrors => false;

        // Renditions are named relative to the multivariant playlist as fetched (after redirects).
        public void Started(Uri input, IReadOnlyList<Uri> playlists, TimeSpan duration) => observation.OnStarted(cdn, input, playlists);

        public void Finished(TimeSpan elapsed)
        {
        }

        public void Heartbeat(Heartbeat heartbeat) => observation.OnHeartbeat(heartbeat);

        public void Finding(DateTimeOffset time, Finding finding) => observation.OnFinding(time, finding);
    }
}
