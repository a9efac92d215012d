using StackExchange.Redis;
using StreamWatch.Alerting.Store;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// The webhook dispatcher's Redis operations. Every step that moves a notification or a delivery
/// is one Lua script guarded by the exact value it expects at the head of its list, so a step
/// repeated after a crash or run by a second replica does nothing: nothing is lost (the head is
/// removed only in the script that also writes its successor) and nothing is moved twice.
/// </summary>
internal sealed class WebhookStore(IConnectionMultiplexer redis, RedisKeyspace keys)
{
    // KEYS[1] outbox, KEYS[2..] receiver queues; ARGV[1] the expected outbox head, ARGV[2..] deliveries.
    private const string FanOutScript = """
        if redis.call('lindex', KEYS[1], 0) ~= ARGV[1] then return 0 end
        for i = 2, #KEYS do redis.call('rpush', KEYS[i], ARGV[i]) end
        redis.call('lpop', KEYS[1])
        return 1
        """;

    // KEYS[1] queue, KEYS[2] history, KEYS[3] dead letters (optional); ARGV[1] expected queue head,
    // ARGV[2] history entry, ARGV[3] history cap, ARGV[4] dead letter, ARGV[5] dead-letter cap.
    private const string CompleteScript = """
        if redis.call('lindex', KEYS[1], 0) ~= ARGV[1] then return 0 end
        redis.call('lpop', KEYS[1])
        redis.call('lpush', KEYS[2], ARGV[2])
        redis.call('ltrim', KEYS[2], 0, tonumber(ARGV[3]) - 1)
        if #KEYS > 2 then
          redis.call('lpush', KEYS[3], ARGV[4])
          redis.call('ltrim', KEYS[3], 0, tonumber(ARGV[5]) - 1)
        end
        return 1
        """;

    // KEYS[1] history; ARGV[1] entry, ARGV[2] cap.
    private const string RecordScript = """
        redis.call('lpush', KEYS[1], ARGV[1])
        redis.call('ltrim', KEYS[1], 0, tonumber(ARGV[2]) - 1)
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public RedisKeyspace Keys => keys;

    public IConnectionMultiplexer Connection => redis;

    public async Task<string?> OutboxHeadAsync()
    {
        var value = await Db.ListGetByIndexAsync(keys.Outbox, 0).ConfigureAwait(false);
        return value.IsNull ? null : (string?)value;
    }

    /// <summary>Moves the outbox head into the receivers' queues; false when the head was no longer <paramref name="head"/>.</summary>
    public async Task<bool> FanOutAsync(string head, IReadOnlyList<(string Receiver, string Delivery)> deliveries)
    {
        var redisKeys = new RedisKey[deliveries.Count + 1];
        var values = new RedisValue[deliveries.Count + 1];
        redisKeys[0] = keys.Outbox;
        values[0] = head;
        for (var i = 0; i < deliveries.Count; i++)
        {
            redisKeys[i + 1] = keys.WebhookQueue(deliveries[i].Receiver);
            values[i + 1] = deliveries[i].Delivery;
        }

        var result = await Db.ScriptEvaluateAsync(FanOutScript, redisKeys, values).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<string?> QueueHeadAsync(string receiver)
    {
        var value = await Db.ListGetByIndexAsync(keys.WebhookQueue(receiver), 0).ConfigureAwait(false);
        return value.IsNull ? null : (string?)value;
    }

    /// <summary>Removes the queue head <paramref name="head"/>, recording <paramref name="attempt"/> and, when given, a dead letter, atomically.</summary>
    public async Task<bool> CompleteAsync(string receiver, string head, string attempt, int historyLimit, string? deadLetter, int deadLetterLimit)
    {
        RedisKey[] redisKeys = deadLetter is null
            ? [keys.WebhookQueue(receiver), keys.WebhookHistory(receiver)]
            : [keys.WebhookQueue(receiver), keys.WebhookHistory(receiver), keys.WebhookDeadLetters(receiver)];
        RedisValue[] values = [head, attempt, historyLimit, deadLetter ?? string.Empty, deadLetterLimit];
        var result = await Db.ScriptEvaluateAsync(CompleteScript, redisKeys, values).ConfigureAwait(false);
        return (int)result == 1;
    }

    public Task RecordAsync(string receiver, string attempt, int historyLimit)
        => Db.ScriptEvaluateAsync(RecordScript, [keys.WebhookHistory(receiver)], [attempt, historyLimit]);

    public async Task<string[]> RangeAsync(RedisKey key, int limit)
    {
        var values = await Db.ListRangeAsync(key, 0, limit - 1).ConfigureAwait(false);
        var result = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i]!;
        }

        return result;
    }

    public Task<long> LengthAsync(RedisKey key) => Db.ListLengthAsync(key);

    /// <summary>Takes or renews this replica's lease on a receiver's queue; false when another replica holds it.</summary>
    public async Task<bool> HoldLeaseAsync(string receiver, string owner, TimeSpan duration)
    {
        var db = Db;
        var key = keys.WebhookLease(receiver);
        return await db.LockExtendAsync(key, owner, duration).ConfigureAwait(false)
            || await db.LockTakeAsync(key, owner, duration).ConfigureAwait(false);
    }

    public Task ReleaseLeaseAsync(string receiver, string owner) => Db.LockReleaseAsync(keys.WebhookLease(receiver), owner);
}
