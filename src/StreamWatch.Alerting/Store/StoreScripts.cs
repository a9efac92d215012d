namespace StreamWatch.Alerting.Store;

/// <summary>
/// The store's Lua scripts. Each runs atomically in Redis, so a committed transition is never
/// without its history entry, active-set change or outbox record, and a replica that lost a
/// stream's lease (fencing token no longer current) cannot write it.
/// </summary>
internal static class StoreScripts
{
    /// <summary>
    /// The lease check at the top of every stream write. KEYS[1] lease, KEYS[2] fencing counter;
    /// ARGV[1] lease value held, ARGV[2] its token, ARGV[3] TTL in ms. A lease that expired (Redis
    /// was away, or a renewal was late) and that nobody took since (counter unchanged) is taken back;
    /// any other mismatch means another replica owns the stream now.
    /// </summary>
    private const string Fence = """
        local lease = redis.call('GET', KEYS[1])
        if lease ~= ARGV[1] then
          if lease == false and redis.call('GET', KEYS[2]) == ARGV[2] then
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
          else
            return {-1, 0}
          end
        end

        """;

    /// <summary>
    /// Commits one alert transition. KEYS: 1 lease, 2 fencing counter, 3 alert hash, 4 notification
    /// ordinal, 5 outbox, 6 active set, 7 stream's active set, 8 stream's history, 9 stream set.
    /// ARGV: 1-3 lease, 4 new state, 5 engine says notify (1/0), 6 alert JSON, 7 history JSON,
    /// 8 history limit, 9 the ordinal the record carries, 10 record JSON, 11 stream, 12 fingerprint.
    /// Notifications follow the stored state, not the caller's: firing is notified only when the
    /// stored firing was not (so a restarted or second replica never fires twice), and resolved
    /// exactly when the stored firing was notified (so a resolution is never lost or doubled).
    /// Returns {1, emitted} committed, {0, 0} nothing to change, {-1, 0} fenced, {-2, current}
    /// the record's ordinal is stale (the caller retries with current + 1).
    /// </summary>
    public const string Commit = Fence + """
        local to = ARGV[4]
        local state = redis.call('HGET', KEYS[3], 'state')
        local notified = redis.call('HGET', KEYS[3], 'notified') == '1'
        local emit = false
        if to == 'firing' then
          if state == 'firing' then
            if notified or ARGV[5] ~= '1' then
              redis.call('HSET', KEYS[3], 'json', ARGV[6])
              return {0, 0}
            end
            emit = true
          else
            emit = ARGV[5] == '1'
            notified = false
          end
        elseif to == 'resolved' then
          if state ~= 'firing' then
            if state == 'resolved' then
              return {0, 0}
            end
          else
            emit = notified
          end
        else
          if state == 'firing' then
            return {0, 0}
          end
        end
        if emit then
          local current = tonumber(redis.call('GET', KEYS[4]) or '0')
          if current + 1 ~= tonumber(ARGV[9]) then
            return {-2, current}
          end
          redis.call('INCR', KEYS[4])
          redis.call('RPUSH', KEYS[5], ARGV[10])
          -- Wakes the webhook dispatchers of every replica now rather than at their next poll
          -- (the channel is RedisKeyspace.OutboxSignal: the outbox key plus ':signal').
          redis.call('PUBLISH', KEYS[5] .. ':signal', '1')
        end
        local flag = '0'
        if to == 'firing' and (emit or notified) then
          flag = '1'
        end
        redis.call('HSET', KEYS[3], 'state', to, 'notified', flag, 'stream', ARGV[11], 'json', ARGV[6])
        if to == 'pending' or to == 'firing' then
          redis.call('SADD', KEYS[6], ARGV[12])
          redis.call('SADD', KEYS[7], ARGV[12])
        else
          redis.call('SREM', KEYS[6], ARGV[12])
          redis.call('SREM', KEYS[7], ARGV[12])
          redis.call('HDEL', KEYS[3], 'ack')
        end
        redis.call('LPUSH', KEYS[8], ARGV[7])
        redis.call('LTRIM', KEYS[8], 0, tonumber(ARGV[8]) - 1)
        redis.call('SADD', KEYS[9], ARGV[11])
        if emit then
          return {1, 1}
        end
        return {1, 0}
        """;

    /// <summary>
    /// Commits an incident opening or closing. KEYS: 1 lease, 2 fencing counter, 3 incidents hash,
    /// 4 the stream's open-incident key. ARGV: 1-3 lease, 4 incident id, 5 JSON, 6 open (1/0).
    /// </summary>
    public const string Incident = Fence + """
        redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
        if ARGV[6] == '1' then
          redis.call('SET', KEYS[4], ARGV[4])
        elseif redis.call('GET', KEYS[4]) == ARGV[4] then
          redis.call('DEL', KEYS[4])
        end
        return {1, 0}
        """;

    /// <summary>Takes a free lease. KEYS: 1 lease, 2 fencing counter. ARGV: 1 replica id, 2 TTL ms. Returns the new token, or 0 when the lease is held.</summary>
    public const string Acquire = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return 0
        end
        local token = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
        return token
        """;

    /// <summary>Renews a lease still held. KEYS: 1 lease, 2 fencing counter. ARGV: 1 value, 2 token, 3 TTL ms. Returns 1, or 0 when it is someone else's.</summary>
    public const string Renew = """
        local lease = redis.call('GET', KEYS[1])
        if lease == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return 1
        end
        if lease == false and redis.call('GET', KEYS[2]) == ARGV[2] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    /// <summary>Gives a lease back if still held. KEYS: 1 lease. ARGV: 1 value.</summary>
    public const string Release = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>Raises a probe's high-water mark, never lowers it. KEYS: 1 hash. ARGV: 1 probe id, 2 sequence.</summary>
    public const string HighWater = """
        local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
        if tonumber(ARGV[2]) > current then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        end
        return 1
        """;

    /// <summary>
    /// Stores an acknowledgement on an alert the store knows and announces it. KEYS: 1 alert hash.
    /// ARGV: 1 JSON, 2 the channel (<see cref="RedisKeyspace.AckSignal"/>), 3 the fingerprint.
    /// </summary>
    public const string Acknowledge = """
        if redis.call('HEXISTS', KEYS[1], 'state') == 1 then
          redis.call('HSET', KEYS[1], 'ack', ARGV[1])
          redis.call('PUBLISH', ARGV[2], ARGV[3])
          return 1
        end
        return 0
        """;
}
