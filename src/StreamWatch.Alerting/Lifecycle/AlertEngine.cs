using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Health;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Alerting.Rules;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Lifecycle;

/// <summary>
/// The rule engine. One lock serialises reports, timer ticks and API calls: a report costs a few
/// microseconds, far below the lock's capacity at 2,000 reports/s. The per-report path does not
/// allocate once a rendition and its alerts exist (windows are ring buffers, lookups are by
/// index); snapshots and events are built only when an alert changes.
/// </summary>
internal sealed partial class AlertEngine : IAlertEngine, IAlertStateRestore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly AlertingOptions _options;
    private readonly AlertingMetrics _metrics;
    private readonly IAlertEventSink[] _sinks;
    private readonly ILogger<AlertEngine> _logger;
    private readonly RuleDefinition[] _rules;
    private readonly int[] _manifestRules;
    private readonly int[] _segmentRules;
    private readonly int[] _sourceRules;
    private readonly int[] _streamRules;
    private readonly Dictionary<string, StreamNode> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertTracker> _alerts = new(StringComparer.Ordinal);
    private readonly List<AlertTracker> _trackers = [];
    private readonly List<Silence> _silences = [];

    public AlertEngine(
        TimeProvider time,
        IOptions<AlertingOptions> options,
        IOptions<AlertRulesOptions> rules,
        AlertingMetrics metrics,
        IEnumerable<IAlertEventSink> sinks,
        ILogger<AlertEngine> logger,
        IOptions<StreamCatalogOptions>? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rules);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options.Value;
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _sinks = [.. sinks];
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _rules = [.. RuleCatalog.Build(rules.Value)];
        _manifestRules = Select(_rules, static r => r.FedByManifests);
        _segmentRules = Select(_rules, static r => r.FedBySegments);
        _sourceRules = Select(_rules, static r => r.Kind == RuleKind.ProbeSilent);
        _streamRules = Select(_rules, static r => r.Kind == RuleKind.StreamDown);

        // Configured sources are watched from start-up: ProbeSilent fires for one that never reports.
        if (catalog?.Value.Streams is { } configured)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in configured)
            {
                if (entry.Id.Length == 0)
                {
                    continue;
                }

                var stream = GetOrAddStream(entry.Id);
                foreach (var source in entry.Sources)
                {
                    if (source.Cdn.Length > 0)
                    {
                        GetOrAddSource(stream, source.Cdn, now);
                    }
                }
            }
        }
    }

    public IReadOnlyList<RuleDefinition> Rules => _rules;

    public void Ingest(ProbeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var started = _time.GetTimestamp();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            RenditionNode? node;
            switch (report.ResultCase)
            {
                case ProbeReport.ResultOneofCase.Manifest:
                    node = Locate(report.Manifest.Ref);
                    if (node is null)
                    {
                        return;
                    }

                    node.Stats.Apply(report.Manifest, now);
                    if (node.Source.IsOrigin)
                    {
                        EvaluateOriginReport(node, _manifestRules, now);
                        break;
                    }

                    EvaluateRendition(node, _manifestRules, now);
                    break;

                case ProbeReport.ResultOneofCase.Segment:
                    node = Locate(report.Segment.Ref);
                    if (node is null)
                    {
                        return;
                    }

                    node.Stats.Apply(report.Segment, now);
                    if (node.Source.IsOrigin)
                    {
                        EvaluateOriginReport(node, _segmentRules, now);
                        break;
                    }

                    EvaluateRendition(node, _segmentRules, now);
                    break;

                default:
                    return;
            }

            node.Source.LastReportAt = now;
            if (!node.Source.IsOrigin)
            {
                EvaluateSource(node.Source, now);
                EvaluateStream(node.Source.Stream, now);
            }
        }

        _metrics.RecordEvaluation(_time.GetElapsedTime(started), timer: false);
    }

    public void Evaluate()
    {
        var started = _time.GetTimestamp();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            for (var i = _silences.Count - 1; i >= 0; i--)
            {
                if (_silences[i].EndsAt <= now)
                {
                    _silences.RemoveAt(i);
                }
            }

            foreach (var stream in _streams.Values)
            {
                foreach (var source in stream.Sources)
                {
                    EvaluateSource(source, now);
                }

                EvaluateStream(stream, now);
            }

            // for and clearFor run on time as well as on data: a pending alert fires, and a clear
            // one resolves, even when its rendition stops reporting. A firing alert whose silence
            // ended, or whose inhibiting origin alert cleared, is announced now.
            for (var i = 0; i < _trackers.Count; i++)
            {
                Advance(_trackers[i], now);
                Release(_trackers[i], now);
            }
        }

        _metrics.RecordEvaluation(_time.GetElapsedTime(started), timer: true);
    }

    public IReadOnlyList<Alert> GetAlerts()
    {
        lock (_gate)
        {
            var alerts = new List<Alert>();
            foreach (var tracker in _trackers)
            {
                if (tracker.State != AlertLifecycleState.Inactive)
                {
                    alerts.Add(tracker.Snapshot());
                }
            }

            return alerts;
        }
    }

    public Alert? GetAlert(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        lock (_gate)
        {
            return _alerts.TryGetValue(fingerprint, out var tracker) ? tracker.Snapshot() : null;
        }
    }

    public IReadOnlyList<StreamHealth> GetHealth()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var window = _options.HealthWindow;
            var streams = new List<StreamHealth>(_streams.Count);
            foreach (var stream in _streams.Values)
            {
                var sources = new List<SourceHealth>(stream.Sources.Count);
                foreach (var source in stream.Sources)
                {
                    sources.Add(HealthOf(source, now, window));
                }

                streams.Add(new StreamHealth(stream.Id, StreamStatus(stream, now), sources) { Origin = stream.Origin is { } origin ? HealthOf(origin, now, window) : null });
            }

            return streams;
        }
    }

    private static SourceHealth HealthOf(SourceNode source, DateTimeOffset now, TimeSpan window)
    {
        var renditions = new List<RenditionHealth>(source.Renditions.Count);
        foreach (var rendition in source.Renditions)
        {
            var status = rendition.Stats.Status(now, window, out var score);
            renditions.Add(new RenditionHealth(rendition.Id, status, score));
        }

        var sourceStatus = source.Status(now, window, out var sourceScore);
        return new SourceHealth(source.Cdn, sourceStatus, sourceScore, renditions);
    }

    public bool Acknowledge(string fingerprint, string by, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        lock (_gate)
        {
            if (!_alerts.TryGetValue(fingerprint, out var tracker)
                || tracker.State is not (AlertLifecycleState.Pending or AlertLifecycleState.Firing))
            {
                return false;
            }

            tracker.Acknowledgement = new Acknowledgement(by, _time.GetUtcNow(), comment ?? string.Empty);
            Log.AlertAcknowledged(_logger, fingerprint, tracker.Rule.Name, by);
            var snapshot = tracker.Snapshot();
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.OnAcknowledged(snapshot);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.SinkFailed(_logger, exception, sink.GetType().Name, fingerprint);
                }
            }

            return true;
        }
    }

    public Silence AddSilence(IReadOnlyList<LabelMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (matchers.Count == 0)
        {
            throw new ArgumentException("A silence needs at least one matcher.", nameof(matchers));
        }

        if (endsAt <= startsAt)
        {
            throw new ArgumentException("A silence must end after it starts.", nameof(endsAt));
        }

        lock (_gate)
        {
            var silence = new Silence
            {
                Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
                Matchers = [.. matchers],
                StartsAt = startsAt,
                EndsAt = endsAt,
                CreatedBy = createdBy,
                Comment = comment ?? string.Empty,
            };
            _silences.Add(silence);
            Log.SilenceAdded(_logger, silence.Id, createdBy, startsAt, endsAt);
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.OnSilenceAdded(silence);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.SinkFailed(_logger, exception, sink.GetType().Name, silence.Id);
                }
            }

            return silence;
        }
    }

    public bool RemoveSilence(string id)
    {
        lock (_gate)
        {
            for (var i = 0; i < _silences.Count; i++)
            {
                if (string.Equals(_silences[i].Id, id, StringComparison.Ordinal))
                {
                    var removed = _silences[i];
                    _silences.RemoveAt(i);
                    Log.SilenceRemoved(_logger, id);
                    foreach (var sink in _sinks)
                    {
                        try
                        {
                            sink.OnSilenceRemoved(removed);
                        }
                        catch (Exception exception) when (exception is not OutOfMemoryException)
                        {
                            Log.SinkFailed(_logger, exception, sink.GetType().Name, id);
                        }
                    }

                    return true;
                }
            }

            return false;
        }
    }

    public IReadOnlyList<Silence> GetSilences()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var silences = new List<Silence>(_silences.Count);
            foreach (var silence in _silences)
            {
                if (silence.EndsAt > now)
                {
                    silences.Add(silence);
                }
            }

            return silences;
        }
    }

    private static int[] Select(RuleDefinition[] rules, Func<RuleDefinition, bool> predicate)
    {
        var selected = new List<int>();
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Enabled && predicate(rules[i]))
            {
                selected.Add(i);
            }
        }

        return [.. selected];
    }

    private RenditionNode? Locate(StreamRef? reference)
    {
        if (reference is null || reference.StreamId.Length == 0 || reference.Cdn.Length == 0)
        {
            return null;
        }

        var stream = GetOrAddStream(reference.StreamId);
        var source = reference.Origin ? stream.GetOrAddOrigin(reference.Cdn, _rules.Length) : stream.GetOrAddSource(reference.Cdn, _rules.Length);
        return source.GetOrAddRendition(reference.RenditionId, _rules.Length);
    }

    private StreamNode GetOrAddStream(string id)
    {
        if (!_streams.TryGetValue(id, out var stream))
        {
            stream = new StreamNode(id, _rules.Length);
            _streams.Add(stream.Id, stream);
        }

        return stream;
    }

    /// <summary>A source created here (not by a report) counts as heard from at <paramref name="now"/>, so ProbeSilent waits its threshold.</summary>
    private SourceNode GetOrAddSource(StreamNode stream, string cdn, DateTimeOffset now)
    {
        var source = stream.GetOrAddSource(cdn, _rules.Length);
        if (source.LastReportAt == default)
        {
            source.LastReportAt = now;
        }

        return source;
    }

    private void EvaluateRendition(RenditionNode node, int[] ruleIndexes, DateTimeOffset now)
    {
        // Record every condition first, then attribute to the origin, then advance: a per-CDN alert
        // firing in this same step must already see the origin alert that inhibits it.
        foreach (var index in ruleIndexes)
        {
            var observation = RuleConditions.Evaluate(_rules[index], node.Stats, now);
            var tracker = node.Trackers[index];
            if (tracker is null)
            {
                if (!observation.Breached)
                {
                    continue;
                }

                tracker = node.Trackers[index] = Track(new AlertTracker(_rules[index], index, node.Source.Stream, node.Source.Cdn, node.Id, attribution: null) { RenditionNode = node });
            }

            tracker.TargetDuration = node.Stats.TargetDuration;
            tracker.Record(observation, now);
        }

        foreach (var index in ruleIndexes)
        {
            if (_rules[index].Attributable)
            {
                EvaluateOrigin(node.Source.Stream, index, now);
            }
        }

        foreach (var index in ruleIndexes)
        {
            if (node.Trackers[index] is { } tracker)
            {
                Advance(tracker, now);
            }
        }
    }

    /// <summary>
    /// An origin report is evidence, not a CDN: it raises no alert of its own rendition or source, never counts in the
    /// stream's state, and only re-attributes the rules it feeds.
    /// </summary>
    private void EvaluateOriginReport(RenditionNode node, int[] ruleIndexes, DateTimeOffset now)
    {
        foreach (var index in ruleIndexes)
        {
            if (_rules[index].Attributable)
            {
                EvaluateOrigin(node.Source.Stream, index, now);
            }
        }
    }

    /// <summary>
    /// The stream-level origin alert of an attributable rule. With a polled origin that has recent data for the
    /// condition, the origin decides: it holds while the origin shows the fault (however many CDNs do, even one or
    /// none yet) and never while the origin is healthy, when the CDNs' alerts speak for themselves. Without origin
    /// data, as before: it holds when the stream has at least two CDNs and each shows the fault on a rendition.
    /// </summary>
    private void EvaluateOrigin(StreamNode stream, int index, DateTimeOffset now)
    {
        var state = ObserveOrigin(stream, index, now);
        stream.OriginStates[index] = state;
        var affected = 0;
        var targetDuration = TimeSpan.Zero;
        foreach (var source in stream.Sources)
        {
            foreach (var rendition in source.Renditions)
            {
                if (rendition.Trackers[index] is { HasData: true, Breached: true } tracker)
                {
                    affected++;
                    targetDuration = tracker.TargetDuration > targetDuration ? tracker.TargetDuration : targetDuration;
                    break;
                }
            }
        }

        var breached = state switch
        {
            OriginState.Faulty => true,
            OriginState.Healthy => false,
            _ => stream.Sources.Count >= 2 && affected == stream.Sources.Count,
        };
        var observation = Observation.Of(affected, breached);
        var origin = stream.OriginTrackers[index];
        if (origin is null)
        {
            if (!observation.Breached)
            {
                return;
            }

            origin = stream.OriginTrackers[index] = Track(new AlertTracker(_rules[index], index, stream, string.Empty, string.Empty, attribution: OriginAttribution.Origin));
        }

        if (targetDuration == TimeSpan.Zero && stream.Origin is { } polled)
        {
            targetDuration = polled.TargetDuration;
        }

        origin.TargetDuration = targetDuration;
        origin.Record(observation, now);
        Advance(origin, now);
    }

    /// <summary>
    /// Whether the origin's renditions meet rule <paramref name="index"/>'s condition (any of them: the origin overall),
    /// judged from origin reports within the health window; unknown without such data.
    /// </summary>
    private OriginState ObserveOrigin(StreamNode stream, int index, DateTimeOffset now)
    {
        if (stream.Origin is not { } origin)
        {
            return OriginState.Unknown;
        }

        var known = false;
        foreach (var rendition in origin.Renditions)
        {
            if (rendition.Stats.LastReportAt is not { } at || now - at > _options.HealthWindow)
            {
                continue;
            }

            var observation = RuleConditions.Evaluate(_rules[index], rendition.Stats, now);
            if (observation.Breached)
            {
                return OriginState.Faulty;
            }

            known |= observation.HasData;
        }

        return known ? OriginState.Healthy : OriginState.Unknown;
    }

    private void EvaluateSource(SourceNode source, DateTimeOffset now)
    {
        foreach (var index in _sourceRules)
        {
            var rule = _rules[index];
            var targetDuration = source.TargetDuration;
            if (targetDuration <= TimeSpan.Zero)
            {
                targetDuration = BuiltInRules.FallbackTargetDuration;
            }

            var silentFor = now - source.LastReportAt;
            var observation = Observation.Of(silentFor.TotalSeconds, silentFor > rule.Threshold * targetDuration);
            var tracker = source.Trackers[index];
            if (tracker is null)
            {
                if (!observation.Breached)
                {
                    continue;
                }

                tracker = source.Trackers[index] = Track(new AlertTracker(rule, index, source.Stream, source.Cdn, string.Empty, attribution: null) { SourceNode = source });
            }

            tracker.TargetDuration = targetDuration;
            tracker.Record(observation, now);
            Advance(tracker, now);
        }
    }

    private void EvaluateStream(StreamNode stream, DateTimeOffset now)
    {
        var status = StreamStatus(stream, now);
        if (status != stream.Status)
        {
            Log.StreamStateChanged(_logger, stream.Id, stream.Status, status);
            stream.Status = status;
            _metrics.SetStreamState(stream.Id, status);
        }

        foreach (var index in _streamRules)
        {
            // With no data at all the stream is unknown, not down: ProbeSilent speaks for that.
            var observation = status == HealthStatus.Unknown
                ? Observation.NoData
                : Observation.Of(status == HealthStatus.Outage ? 1 : 0, status == HealthStatus.Outage);
            var tracker = stream.Trackers[index];
            if (tracker is null)
            {
                if (!observation.Breached)
                {
                    continue;
                }

                tracker = stream.Trackers[index] = Track(new AlertTracker(_rules[index], index, stream, string.Empty, string.Empty, attribution: null));
            }

            tracker.Record(observation, now);
            Advance(tracker, now);
        }
    }

    private HealthStatus StreamStatus(StreamNode stream, DateTimeOffset now)
    {
        var known = 0;
        var outages = 0;
        var impaired = 0;
        foreach (var source in stream.Sources)
        {
            var status = source.Status(now, _options.HealthWindow, out _);
            if (status != HealthStatus.Unknown)
            {
                known++;
            }

            if (status == HealthStatus.Outage)
            {
                outages++;
            }

            if (status != HealthStatus.Operational)
            {
                impaired++;
            }
        }

        if (known == 0)
        {
            return HealthStatus.Unknown;
        }

        if (outages == known)
        {
            return HealthStatus.Outage;
        }

        return impaired > 0 ? HealthStatus.Degraded : HealthStatus.Operational;
    }

    private AlertTracker Track(AlertTracker tracker)
    {
        _trackers.Add(tracker);
        _alerts[tracker.Fingerprint] = tracker;
        return tracker;
    }

    private int Advance(AlertTracker tracker, DateTimeOffset now)
    {
        Span<AlertLifecycleState> passed = stackalloc AlertLifecycleState[2];
        var count = tracker.Advance(now, _options.FlapWindow, passed);
        for (var i = 0; i < count; i++)
        {
            var to = i + 1 < count ? passed[i + 1] : tracker.State;
            Emit(tracker, passed[i], to, now);
        }

        return count;
    }

    /// <summary>
    /// Re-checks the suppression of a firing alert whose firing was not notified. When nothing
    /// suppresses it any more (its silence ended, or the origin alert that inhibited it cleared
    /// and this CDN still shows the fault), it is announced with a firing → firing transition, and
    /// its resolution will be notified too.
    /// </summary>
    private void Release(AlertTracker tracker, DateTimeOffset now)
    {
        if (tracker.State != AlertLifecycleState.Firing || tracker.Suppression == NotificationSuppression.None)
        {
            return;
        }

        var suppression = Suppression(tracker, now);
        if (suppression == tracker.Suppression)
        {
            return;
        }

        tracker.Suppression = suppression;
        if (suppression == NotificationSuppression.None)
        {
            Publish(tracker, AlertLifecycleState.Firing, AlertLifecycleState.Firing, now, tracker.Snapshot(), suppression);
        }
    }

    private NotificationSuppression Suppression(AlertTracker tracker, DateTimeOffset now)
        => IsSilenced(tracker, now) ? NotificationSuppression.Silenced
            : IsInhibited(tracker, now) ? NotificationSuppression.Inhibited
            : NotificationSuppression.None;

    private void Emit(AlertTracker tracker, AlertLifecycleState from, AlertLifecycleState to, DateTimeOffset now)
    {
        var stream = tracker.StreamNode;
        var rule = tracker.Rule;
        var suppression = NotificationSuppression.None;
        if (to == AlertLifecycleState.Firing)
        {
            suppression = Suppression(tracker, now);
            tracker.Suppression = suppression;
            stream.Firing++;
            if (stream.OpenIncident is null)
            {
                stream.OpenIncident = new Incident(Guid.CreateVersion7(now).ToString("N"), stream.Id, now, ClosedAt: null);
                Log.IncidentOpened(_logger, stream.OpenIncident.Id, stream.Id);
                Publish(stream.OpenIncident);
            }

            tracker.IncidentId = stream.OpenIncident.Id;
            _metrics.AdjustFiring(rule.Name, rule.Severity, +1);
        }
        else if (to == AlertLifecycleState.Resolved)
        {
            // A resolution is notified exactly when its firing was.
            suppression = tracker.Suppression;
            stream.Firing--;
            _metrics.AdjustFiring(rule.Name, rule.Severity, -1);
        }

        var alert = tracker.Snapshot();
        if (to != tracker.State)
        {
            // An intermediate step (inactive → pending on the way to firing when for is zero).
            alert = alert with { State = to, StartsAt = null, IncidentId = null };
        }

        Publish(tracker, from, to, now, alert, suppression);
        if (to == AlertLifecycleState.Resolved && stream.Firing == 0 && stream.OpenIncident is { } incident)
        {
            stream.OpenIncident = null;
            Log.IncidentClosed(_logger, incident.Id, stream.Id);
            Publish(incident with { ClosedAt = now });
        }
    }

    private void Publish(AlertTracker tracker, AlertLifecycleState from, AlertLifecycleState to, DateTimeOffset now, Alert alert, NotificationSuppression suppression)
    {
        var transition = new AlertTransition(from, to, now, alert, suppression);
        Log.AlertTransitioned(
            _logger,
            to is AlertLifecycleState.Firing or AlertLifecycleState.Resolved ? LogLevel.Information : LogLevel.Debug,
            tracker.Fingerprint,
            tracker.Rule.Name,
            tracker.Stream,
            tracker.Cdn,
            tracker.Rendition,
            from,
            to,
            suppression);
        foreach (var sink in _sinks)
        {
            try
            {
                sink.OnTransition(transition);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The transition has happened; one failing consumer must not stop the others or the evaluation.
                Log.SinkFailed(_logger, exception, sink.GetType().Name, tracker.Fingerprint);
            }
        }
    }

    private void Publish(Incident incident)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.OnIncident(incident);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Log.SinkFailed(_logger, exception, sink.GetType().Name, incident.Id);
            }
        }
    }

    private bool IsSilenced(AlertTracker tracker, DateTimeOffset now)
    {
        foreach (var silence in _silences)
        {
            if (silence.IsActive(now) && silence.Matches(tracker.Labels))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the origin alert of the same rule covers this per-CDN alert: while it is pending or
    /// firing, and for the rule's <c>for</c> after it clears, so CDNs that follow the recovered
    /// origin a poll or two later are not paged one by one.
    /// </summary>
    private static bool IsInhibited(AlertTracker tracker, DateTimeOffset now)
    {
        if (tracker.Attribution is not null || !tracker.Rule.Attributable
            || tracker.StreamNode.OriginTrackers[tracker.RuleIndex] is not { } origin)
        {
            return false;
        }

        return origin.State is AlertLifecycleState.Pending or AlertLifecycleState.Firing
            || (origin.DeactivatedAt is { } cleared && now - cleared < tracker.Rule.For);
    }
}
