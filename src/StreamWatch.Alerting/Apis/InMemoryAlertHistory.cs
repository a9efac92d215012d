using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>
/// Alert history kept in process, capped per stream (<see cref="StatusApiOptions.HistoryLimit"/>):
/// the fallback when no durable history (the Redis store) is registered. Lost on restart.
/// </summary>
internal sealed class InMemoryAlertHistory(IOptions<StatusApiOptions> options) : IAlertHistory
{
    private readonly int _limit = options?.Value.HistoryLimit ?? throw new ArgumentNullException(nameof(options));
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<AlertHistoryEntry>> _streams = new(StringComparer.Ordinal);

    public ValueTask<IReadOnlyList<AlertHistoryEntry>> GetRecentAsync(string stream, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var entries) || limit <= 0)
            {
                return ValueTask.FromResult<IReadOnlyList<AlertHistoryEntry>>([]);
            }

            // The queue holds oldest first; the contract is newest first.
            var all = entries.ToArray();
            var count = Math.Min(limit, all.Length);
            var recent = new AlertHistoryEntry[count];
            for (var i = 0; i < count; i++)
            {
                recent[i] = all[all.Length - 1 - i];
            }

            return ValueTask.FromResult<IReadOnlyList<AlertHistoryEntry>>(recent);
        }
    }

    /// <summary>Records one transition (called from the engine's sink: cheap, no I/O).</summary>
    public void Record(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var alert = transition.Alert;
        var entry = new AlertHistoryEntry(
            transition.At,
            alert.Fingerprint,
            alert.Rule,
            AlertingMetrics.SeverityLabel(alert.Severity),
            alert.Cdn,
            alert.Rendition,
            StatusNames.Of(transition.From),
            StatusNames.Of(transition.To),
            alert.Summary);
        lock (_gate)
        {
            if (!_streams.TryGetValue(alert.Stream, out var entries))
            {
                entries = new Queue<AlertHistoryEntry>();
                _streams.Add(alert.Stream, entries);
            }

            entries.Enqueue(entry);
            while (entries.Count > _limit)
            {
                entries.Dequeue();
            }
        }
    }
}
