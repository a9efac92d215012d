using System.Diagnostics;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;

namespace StreamWatch.Alerting.Store;

/// <summary>
/// Writes the engine's events to Redis. The engine calls the sink methods under its lock, so they
/// only enqueue; one background loop writes the queue in order, each transition atomically (Lua,
/// <see cref="StoreScripts.Commit"/>). A failed write is retried, in order, until Redis answers, so
/// nothing is lost while Redis is away (the queue is bounded by back-pressure on ingest). A probe's
/// high-water mark is queued after the writes its reports caused, so when it is durable they are.
/// Only streams whose lease this replica holds are written; the others are dropped here (another
/// replica commits them).
/// </summary>
internal sealed partial class AlertStoreWriter : IAlertEventSink, IDisposable
{
    private static readonly RedisValue[] AlertFields = ["state", "notified", "json", "ack"];

    private readonly Lock _gate = new();
    private readonly Queue<StoreWrite> _queue = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, LeaseToken> _owned = new(StringComparer.Ordinal);
    private readonly RedisConnection _redis;
    private readonly AlertStoreOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<AlertStoreWriter> _logger;
    private readonly StoreMetrics _metrics;
    private HighWaterWrite? _tail;
    private int _inFlight;
    private volatile bool _failing;
    private string? _lastError;

    public AlertStoreWriter(RedisConnection redis, IOptions<AlertStoreOptions> options, IServiceProvider services, IMeterFactory meterFactory, ILogger<AlertStoreWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options.Value;
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _metrics = new StoreMetrics(meterFactory, this);
    }

    /// <summary>Writes queued or being written.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count + _inFlight;
            }
        }
    }

    /// <summary>True while the last write attempt failed (Redis away); queued writes wait.</summary>
    public bool Failing => _failing;

    /// <summary>Why the last write failed, while <see cref="Failing"/>.</summary>
    public string? LastError => _lastError;

    public int OwnedCount => _owned.Count;

    /// <summary>Whether the Redis connection is up (the gauge <c>streamwatch_redis_connected</c>).</summary>
    public bool RedisConnected => _redis.IsConnected;

    /// <summary>The streams whose lease this replica holds, with their tokens.</summary>
    public IReadOnlyCollection<KeyValuePair<string, LeaseToken>> Owned => _owned.ToArray();

    public bool Owns(string stream) => _owned.ContainsKey(stream);

    public void OnTransition(AlertTransition transition) => Enqueue(new TransitionWrite(transition));

    public void OnIncident(Incident incident) => Enqueue(new IncidentWrite(incident));

    public void OnAcknowledged(Alert alert) => Enqueue(new AcknowledgementWrite(alert));

    public void OnSilenceAdded(Silence silence) => Enqueue(new SilenceWrite(silence, removed: false));

    public void OnSilenceRemoved(Silence silence) => Enqueue(new SilenceWrite(silence, removed: true));

    /// <summary>Queues a probe's high-water mark behind everything its reports caused; merged with a queued one of the same probe.</summary>
    public void EnqueueHighWater(ProbeHighWater probe, long sequence)
    {
        lock (_gate)
        {
            if (_tail is { } tail && tail.Probe == probe)
            {
                tail.Sequence = Math.Max(tail.Sequence, sequence);
                return;
            }

            var write = new HighWaterWrite(probe, sequence);
            _queue.Enqueue(write);
            _tail = write;
        }

        _wake.Writer.TryWrite(true);
    }

    public void EnqueueTakeOver(string stream, LeaseToken lease) => Enqueue(new TakeOverWrite(stream, lease));

    /// <summary>Forgets a lease found lost (renewal refused), unless it was re-acquired meanwhile.</summary>
    public void Lose(string stream, LeaseToken lease)
    {
        if (_owned.TryRemove(new KeyValuePair<string, LeaseToken>(stream, lease)))
        {
            Log.LeaseLost(_logger, stream, lease.Token);
        }
    }

    /// <summary>Completes when fewer than <see cref="RedisStoreOptions.WriteQueueLimit"/> writes wait: ingest's back-pressure while Redis is away.</summary>
    public async ValueTask WaitForCapacityAsync(CancellationToken cancellationToken)
    {
        while (Pending >= _options.Redis.WriteQueueLimit)
        {
            // Wall-clock polling: this only happens while Redis is away and the queue is full.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the queue until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var reader = _wake.Reader;
        while (!stoppingToken.IsCancellationRequested)
        {
            await DrainOnceAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                if (!await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            reader.TryRead(out _);
        }
    }

    /// <summary>Writes everything queued now; stops early (leaving the rest) when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task DrainOnceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            StoreWrite write;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out write!))
                {
                    return;
                }

                if (ReferenceEquals(write, _tail))
                {
                    _tail = null;
                }

                _inFlight = 1;
            }

            try
            {
                if (!await ExecuteWithRetryAsync(write, cancellationToken).ConfigureAwait(false))
                {
                    // Cancelled before it could be written: put it back at the head for a later drain.
                    lock (_gate)
                    {
                        var rest = _queue.ToArray();
                        _queue.Clear();
                        _queue.Enqueue(write);
                        foreach (var item in rest)
                        {
                            _queue.Enqueue(item);
                        }
                    }

                    return;
                }
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight = 0;
                }
            }
        }
    }

    /// <summary>Gives back every lease this replica holds (on a clean stop), so another replica takes the streams at once.</summary>
    public async Task ReleaseLeasesAsync()
    {
        foreach (var (stream, lease) in _owned.ToArray())
        {
            try
            {
                await _redis.Database.ScriptEvaluateAsync(StoreScripts.Release, [_redis.Keys.Lease(stream)], [lease.Value]).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                Log.WriteFailed(_logger, exception, "lease release");
            }

            _owned.TryRemove(stream, out _);
        }
    }

    public void Dispose() => _wake.Writer.TryComplete();

    private void Enqueue(StoreWrite write)
    {
        lock (_gate)
        {
            _queue.Enqueue(write);
            _tail = null;
        }

        _wake.Writer.TryWrite(true);
    }

    private async Task<bool> ExecuteWithRetryAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                // Wall-clock duration: Redis answers in real time whatever the engine's clock says.
                var started = Stopwatch.GetTimestamp();
                await ExecuteAsync(_redis.Database, write).ConfigureAwait(false);
                _metrics.CommandSeconds(Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (_failing)
                {
                    _failing = false;
                    _lastError = null;
                    Log.StoreRecovered(_logger, Pending);
                }

                return true;
            }
            catch (Exception exception) when (IsTransient(exception))
            {
                if (!_failing)
                {
                    Log.WriteFailed(_logger, exception, write.GetType().Name);
                }

                _failing = true;
                _lastError = exception.Message;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Not something a retry fixes (a script, data or reconciliation error): drop this one
                // write, loudly, and go on, so one bad write never stops the store.
                Log.WriteDropped(_logger, exception, write.GetType().Name);
                _metrics.WasDropped();
                return true;
            }

            try
            {
                // Wall-clock back-off: Redis recovers in real time whatever the engine's clock says.
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.Redis.MaxRetryDelay.Ticks));
        }
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal),
        RedisException => exception.Message.Contains("No connection", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private Task ExecuteAsync(IDatabase db, StoreWrite write) => write switch
    {
        TransitionWrite transition => CommitTransitionAsync(db, transition.Transition),
        IncidentWrite incident => CommitIncidentAsync(db, incident.Incident),
        HighWaterWrite highWater => CommitHighWaterAsync(db, highWater),
        AcknowledgementWrite ack => db.ScriptEvaluateAsync(
            StoreScripts.Acknowledge,
            [_redis.Keys.Alert(ack.Alert.Fingerprint)],
            [ack.Alert.Acknowledgement is { } a ? JsonSerializer.Serialize(a, StoreJsonContext.Default.Acknowledgement) : RedisValue.Null, _redis.Keys.AckSignal, ack.Alert.Fingerprint]),
        SilenceWrite silence => CommitSilenceAsync(db, silence),
        TakeOverWrite takeOver => TakeOverAsync(db, takeOver),
        _ => Task.CompletedTask,
    };

    private async Task CommitTransitionAsync(IDatabase db, AlertTransition transition)
    {
        var alert = transition.Alert;
        var stream = alert.Stream;
        if (!_owned.TryGetValue(stream, out var lease))
        {
            _metrics.NotOwned();
            return;
        }

        var keys = _redis.Keys;
        var to = StateName(transition.To);
        var history = new AlertHistoryEntry(
            transition.At,
            alert.Fingerprint,
            alert.Rule,
            AlertingMetrics.SeverityLabel(alert.Severity),
            alert.Cdn,
            alert.Rendition,
            StateName(transition.From),
            to,
            alert.Summary);
        RedisKey[] scriptKeys =
        [
            keys.Lease(stream), keys.LeaseToken(stream), keys.Alert(alert.Fingerprint), keys.NotificationOrdinal(alert.Fingerprint),
            keys.Outbox, keys.ActiveAlerts(), keys.StreamActive(stream), keys.StreamHistory(stream), keys.Streams(),
        ];
        var alertJson = JsonSerializer.Serialize(alert, StoreJsonContext.Default.Alert);
        var historyJson = JsonSerializer.Serialize(history, StoreJsonContext.Default.AlertHistoryEntry);

        // Whether a record goes out is the script's decision (it follows the stored state); a
        // record is built whenever one may: a notified firing, or any resolution.
        var mayNotify = transition.To == AlertLifecycleState.Resolved || (transition.To == AlertLifecycleState.Firing && transition.Notify);
        var ordinal = mayNotify ? (long)await db.StringGetAsync(keys.NotificationOrdinal(alert.Fingerprint)).ConfigureAwait(false) + 1 : 0;
        for (var attempt = 0; ; attempt++)
        {
            var record = mayNotify ? JsonSerializer.Serialize(NotificationRecord.From(transition, ordinal), NotificationJsonContext.Default.NotificationRecord) : string.Empty;
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(
                StoreScripts.Commit,
                scriptKeys,
                [
                    lease.Value, lease.Token, (long)_options.Redis.LeaseDuration.TotalMilliseconds, to, transition.Notify ? 1 : 0,
                    alertJson, historyJson, _options.HistoryLimit, ordinal, record, stream, alert.Fingerprint,
                ]).ConfigureAwait(false))!;
            var code = (long)result[0];
            switch (code)
            {
                case 1:
                    var notified = (long)result[1] == 1;
                    _metrics.Committed1(notified);
                    if (notified)
                    {
                        Log.Notified(_logger, alert.Fingerprint, to, ordinal);
                    }

                    return;
                case 0:
                    _metrics.Duplicated();
                    return;
                case -1:
                    _metrics.WasFenced();
                    Lose(stream, lease);
                    return;
                default:
                    if (attempt >= 3)
                    {
                        throw new InvalidOperationException($"The notification ordinal of {alert.Fingerprint} keeps moving.");
                    }

                    ordinal = (long)result[1] + 1;
                    break;
            }
        }
    }

    private async Task CommitIncidentAsync(IDatabase db, Incident incident)
    {
        if (!_owned.TryGetValue(incident.Stream, out var lease))
        {
            _metrics.NotOwned();
            return;
        }

        var keys = _redis.Keys;
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(
            StoreScripts.Incident,
            [keys.Lease(incident.Stream), keys.LeaseToken(incident.Stream), keys.Incidents(), keys.StreamIncident(incident.Stream)],
            [
                lease.Value, lease.Token, (long)_options.Redis.LeaseDuration.TotalMilliseconds, incident.Id,
                JsonSerializer.Serialize(incident, StoreJsonContext.Default.Incident), incident.ClosedAt is null ? 1 : 0,
            ]).ConfigureAwait(false))!;
        if ((long)result[0] == -1)
        {
            _metrics.WasFenced();
            Lose(incident.Stream, lease);
        }
    }

    private async Task CommitHighWaterAsync(IDatabase db, HighWaterWrite write)
    {
        long sequence;
        lock (_gate)
        {
            sequence = write.Sequence;
        }

        await db.ScriptEvaluateAsync(StoreScripts.HighWater, [_redis.Keys.HighWater(ReplicaId)], [write.Probe.ProbeId, sequence]).ConfigureAwait(false);
        write.Probe.MarkDurable(sequence);
    }

    private async Task CommitSilenceAsync(IDatabase db, SilenceWrite write)
    {
        var keys = _redis.Keys;
        var silence = write.Silence;
        if (!write.Removed)
        {
            await db.HashSetAsync(keys.Silences(), silence.Id, JsonSerializer.Serialize(silence, StoreJsonContext.Default.Silence)).ConfigureAwait(false);
        }
        else
        {
            // Remembered until the silence would have ended (scored by its end): after that no replica applies it anyway.
            var batch = db.CreateTransaction();
            _ = batch.HashDeleteAsync(keys.Silences(), silence.Id);
            _ = batch.SortedSetAddAsync(keys.RemovedSilences(), silence.Id, silence.EndsAt.ToUnixTimeMilliseconds());
            await batch.ExecuteAsync().ConfigureAwait(false);
        }
    }

    private async Task TakeOverAsync(IDatabase db, TakeOverWrite write)
    {
        var keys = _redis.Keys;
        var stream = write.Stream;
        var alerts = new List<Alert>();
        foreach (var fingerprint in await db.SetMembersAsync(keys.StreamActive(stream)).ConfigureAwait(false))
        {
            var fields = await db.HashGetAsync(keys.Alert(fingerprint!), AlertFields).ConfigureAwait(false);
            if (fields[2].IsNullOrEmpty || JsonSerializer.Deserialize((string)fields[2]!, StoreJsonContext.Default.Alert) is not { } alert)
            {
                continue;
            }

            var state = (string?)fields[0];
            var notified = (string?)fields[1] == "1";
            var ack = fields[3].IsNullOrEmpty ? alert.Acknowledgement : JsonSerializer.Deserialize((string)fields[3]!, StoreJsonContext.Default.Acknowledgement);
            alerts.Add(alert with
            {
                State = state == "firing" ? AlertLifecycleState.Firing : AlertLifecycleState.Pending,
                Suppression = notified ? NotificationSuppression.None
                    : alert.Suppression == NotificationSuppression.None ? NotificationSuppression.Silenced : alert.Suppression,
                Acknowledgement = ack,
            });
        }

        Incident? incident = null;
        var incidentId = await db.StringGetAsync(keys.StreamIncident(stream)).ConfigureAwait(false);
        if (!incidentId.IsNullOrEmpty)
        {
            var json = await db.HashGetAsync(keys.Incidents(), incidentId).ConfigureAwait(false);
            incident = json.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)json!, StoreJsonContext.Default.Incident);
        }

        _owned[stream] = write.Lease;
        Log.StreamTakenOver(_logger, stream, write.Lease.Token, alerts.Count);
        _services.GetRequiredService<IAlertStateRestore>().Adopt(stream, alerts, incident);
    }

    internal string ReplicaId => _options.Redis.ReplicaId ?? Environment.MachineName;

    internal static string StateName(AlertLifecycleState state) => state switch
    {
        AlertLifecycleState.Pending => "pending",
        AlertLifecycleState.Firing => "firing",
        AlertLifecycleState.Resolved => "resolved",
        _ => "inactive",
    };
}
