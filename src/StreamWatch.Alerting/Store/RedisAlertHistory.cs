using System.Text.Json;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Store;

/// <summary>History from the per-stream Redis lists the store's commit script writes (newest first, capped).</summary>
internal sealed class RedisAlertHistory(RedisConnection redis) : IAlertHistory
{
    public async ValueTask<IReadOnlyList<AlertHistoryEntry>> GetRecentAsync(string stream, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (limit <= 0)
        {
            return [];
        }

        var values = await redis.Database.ListRangeAsync(redis.Keys.StreamHistory(stream), 0, limit - 1).ConfigureAwait(false);
        var entries = new List<AlertHistoryEntry>(values.Length);
        foreach (var value in values)
        {
            if (!value.IsNullOrEmpty && JsonSerializer.Deserialize((string)value!, StoreJsonContext.Default.AlertHistoryEntry) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
