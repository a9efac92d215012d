using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Store;

/// <summary>
/// Runs the store: at start restores silences and takes the leases of every known stream
/// (reconciling the engine with what is stored), then writes the queue and keeps leases renewed
/// (wall clock: Redis expires leases in real time). On a clean stop it flushes the queue and gives
/// the leases back.
/// </summary>
internal sealed partial class AlertStoreService(
    RedisConnection redis,
    AlertStoreWriter writer,
    IAlertStateRestore engine,
    IOptions<AlertStoreOptions> options,
    TimeProvider time,
    ILogger<AlertStoreService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly RedisStoreOptions _options = options.Value.Redis;
    private Task? _writerLoop;
    private Task? _leaseLoop;
    private bool _ackSubscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LeaseRoundAsync().ConfigureAwait(false);
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            startup.CancelAfter(_options.DrainTimeout);
            await writer.DrainOnceAsync(startup.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            // Start without Redis: /health says unhealthy, the engine evaluates, leases come when Redis does.
            Log.StartedWithoutRedis(logger, exception);
        }

        _writerLoop = Task.Run(() => writer.RunAsync(_stopping.Token), CancellationToken.None);
        _leaseLoop = Task.Run(() => LeaseLoopAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _writerLoop, _leaseLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(false);
            }
        }

        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(_options.DrainTimeout);
        await writer.DrainOnceAsync(drain.Token).ConfigureAwait(false);
        if (writer.Pending > 0)
        {
            Log.StoppedWithPendingWrites(logger, writer.Pending);
        }

        if (_options.ReleaseLeasesOnStop)
        {
            await writer.ReleaseLeasesAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task LeaseLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseRenewInterval, stoppingToken).ConfigureAwait(false);
                await LeaseRoundAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                Log.LeaseRoundFailed(logger, exception.Message);
            }
        }
    }

    /// <summary>Renews held leases, takes free ones of every known stream, syncs silences and deletes the ended ones.</summary>
    private async Task LeaseRoundAsync()
    {
        var db = redis.Database;
        var keys = redis.Keys;
        if (!_ackSubscribed)
        {
            // Once subscribed, the multiplexer subscribes again by itself after a reconnect.
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(keys.AckSignal, (channel, fingerprint) => _ = ApplyAcknowledgementAsync(fingerprint)).ConfigureAwait(false);
            _ackSubscribed = true;
        }

        var ttl = (long)_options.LeaseDuration.TotalMilliseconds;
        foreach (var (stream, lease) in writer.Owned)
        {
            var renewed = (long)await db.ScriptEvaluateAsync(StoreScripts.Renew, [keys.Lease(stream), keys.LeaseToken(stream)], [lease.Value, lease.Token, ttl]).ConfigureAwait(false);
            if (renewed == 0)
            {
                writer.Lose(stream, lease);
            }
        }

        var streams = new HashSet<string>(engine.GetStreamIds(), StringComparer.Ordinal);
        foreach (var stored in await db.SetMembersAsync(keys.Streams()).ConfigureAwait(false))
        {
            streams.Add(stored!);
        }

        var replica = writer.ReplicaId;
        foreach (var stream in streams)
        {
            if (writer.Owns(stream))
            {
                continue;
            }

            var token = (long)await db.ScriptEvaluateAsync(StoreScripts.Acquire, [keys.Lease(stream), keys.LeaseToken(stream)], [replica, ttl]).ConfigureAwait(false);
            if (token > 0)
            {
                writer.EnqueueTakeOver(stream, new LeaseToken(replica + "|" + token.ToString(System.Globalization.CultureInfo.InvariantCulture), token));
            }
        }

        await SyncSilencesAsync(db, keys).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the stored silences to the engine and deletes from Redis the ones that have ended (the engine
    /// drops those itself at the same instant, so the API shows a silence exactly until it ends). Every
    /// replica sweeps; deleting an ended silence twice is harmless, and nothing writes one back.
    /// </summary>
    private async Task SyncSilencesAsync(IDatabase db, RedisKeyspace keys)
    {
        var now = time.GetUtcNow();
        var silences = new List<Silence>();
        List<RedisValue>? ended = null;
        foreach (var entry in await db.HashGetAllAsync(keys.Silences()).ConfigureAwait(false))
        {
            var silence = entry.Value.IsNullOrEmpty ? null : Deserialize(entry.Value!);
            if (silence is null || silence.EndsAt <= now)
            {
                (ended ??= []).Add(entry.Name);
                continue;
            }

            silences.Add(silence);
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in await db.SortedSetRangeByScoreAsync(keys.RemovedSilences(), now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start).ConfigureAwait(false))
        {
            removed.Add(id!);
        }

        engine.SyncSilences(silences, removed);

        var expiredRemovals = await db.SortedSetRemoveRangeByScoreAsync(keys.RemovedSilences(), double.NegativeInfinity, now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        if (ended is not null)
        {
            await db.HashDeleteAsync(keys.Silences(), [.. ended]).ConfigureAwait(false);
        }

        if (ended is not null || expiredRemovals > 0)
        {
            Log.EndedSilencesDeleted(logger, ended?.Count ?? 0, expiredRemovals);
        }
    }

    /// <summary>An acknowledgement stored by any replica (this one too: applying it again changes nothing) reaches this engine.</summary>
    private async Task ApplyAcknowledgementAsync(RedisValue fingerprint)
    {
        try
        {
            var json = await redis.Database.HashGetAsync(redis.Keys.Alert(fingerprint!), "ack").ConfigureAwait(false);
            if (!json.IsNullOrEmpty && JsonSerializer.Deserialize((string)json!, StoreJsonContext.Default.Acknowledgement) is { } acknowledgement
                && engine.ApplyAcknowledgement(fingerprint!, acknowledgement))
            {
                Log.AcknowledgementApplied(logger, fingerprint!, acknowledgement.By);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or JsonException)
        {
            // The next restart or takeover restores it from the stored alert.
            Log.AcknowledgementNotApplied(logger, exception.Message);
        }
    }

    // A field that does not read as a silence (hand-edited, or from an incompatible version) can never apply: it is swept too.
    private static Silence? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, StoreJsonContext.Default.Silence);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Alerting started without Redis; state is restored and written once it answers")]
        public static partial void StartedWithoutRedis(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Stopped with {Pending} writes not in Redis; probes resend the unacked reports")]
        public static partial void StoppedWithPendingWrites(ILogger logger, int pending);

        [LoggerMessage(EventId = 3112, Level = LogLevel.Debug, Message = "Lease round failed: {Reason}")]
        public static partial void LeaseRoundFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 3113, Level = LogLevel.Debug, Message = "Deleted {Silences} ended silences and {Removals} expired silence removals from Redis")]
        public static partial void EndedSilencesDeleted(ILogger logger, int silences, long removals);

        [LoggerMessage(EventId = 3114, Level = LogLevel.Information, Message = "Applied the acknowledgement of {Fingerprint} by {By} made on another replica")]
        public static partial void AcknowledgementApplied(ILogger logger, string fingerprint, string by);

        [LoggerMessage(EventId = 3115, Level = LogLevel.Debug, Message = "Could not apply an acknowledgement made on another replica: {Reason}")]
        public static partial void AcknowledgementNotApplied(ILogger logger, string reason);
    }
}
