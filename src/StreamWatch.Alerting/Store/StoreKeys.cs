namespace StreamWatch.Alerting.Store;

/// <summary>
/// The store's keys, all built on <see cref="RedisKeyspace.Key"/> so they share its prefix
/// (README: "Redis keys" lists them with their types).
/// </summary>
internal static class StoreKeys
{
    /// <summary>HASH of one alert: <c>state</c>, <c>notified</c> (1 when its current firing was notified), <c>stream</c>, <c>json</c> (last snapshot), <c>ack</c>.</summary>
    public static string Alert(this RedisKeyspace keys, string fingerprint) => keys.Key("alert:" + fingerprint);

    /// <summary>SET of the fingerprints of every pending or firing alert.</summary>
    public static string ActiveAlerts(this RedisKeyspace keys) => keys.Key("alerts:active");

    /// <summary>SET of the fingerprints of one stream's pending or firing alerts.</summary>
    public static string StreamActive(this RedisKeyspace keys, string stream) => keys.Key("stream:" + stream + ":active");

    /// <summary>LIST of one stream's transitions, newest first, capped at <c>Alerting:HistoryLimit</c>.</summary>
    public static string StreamHistory(this RedisKeyspace keys, string stream) => keys.Key("stream:" + stream + ":history");

    /// <summary>STRING: the id of the stream's open incident (absent when none).</summary>
    public static string StreamIncident(this RedisKeyspace keys, string stream) => keys.Key("stream:" + stream + ":incident");

    /// <summary>SET of every stream the store has written about.</summary>
    public static string Streams(this RedisKeyspace keys) => keys.Key("streams");

    /// <summary>HASH incident id → JSON incident.</summary>
    public static string Incidents(this RedisKeyspace keys) => keys.Key("incidents");

    /// <summary>HASH silence id → JSON silence; a silence's field is deleted by the lease round once it has ended.</summary>
    public static string Silences(this RedisKeyspace keys) => keys.Key("silences");

    /// <summary>
    /// ZSET of the ids of silences removed before they ended (so other replicas drop them too), scored by the
    /// silence's end in Unix milliseconds; the lease round deletes those whose end has passed. (Replaces the
    /// unbounded SET <c>silences:removed</c>, which nothing reads any more.)
    /// </summary>
    public static string RemovedSilences(this RedisKeyspace keys) => keys.Key("silences:removed-until");

    /// <summary>HASH probe id → highest durably accepted sequence, per alerting replica.</summary>
    public static string HighWater(this RedisKeyspace keys, string replica) => keys.Key("ingest:" + replica + ":hwm");

    /// <summary>STRING <c>{replica}|{token}</c> with a TTL: who evaluates the stream.</summary>
    public static string Lease(this RedisKeyspace keys, string stream) => keys.Key("lease:" + stream);

    /// <summary>Counter: the stream's fencing token, incremented on every lease acquisition.</summary>
    public static string LeaseToken(this RedisKeyspace keys, string stream) => keys.Key("lease:" + stream + ":token");
}
