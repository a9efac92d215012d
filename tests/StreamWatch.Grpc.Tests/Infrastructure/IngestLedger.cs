using StreamWatch.Contracts.V1;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>Accepted reports per probe, in memory (alerting's durable store, for tests).</summary>
public sealed class IngestLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(long Sequence, ProbeReport Report)>> _accepted = new(StringComparer.Ordinal);

    public long HighWater(string probeId)
    {
        lock (_lock)
        {
            return _accepted.TryGetValue(probeId, out var list) && list.Count > 0 ? list[^1].Sequence : 0;
        }
    }

    /// <summary>Accepts the next report; false for a duplicate (at or below the high-water mark).</summary>
    public bool TryAccept(string probeId, long sequence, ProbeReport report)
    {
        lock (_lock)
        {
            if (!_accepted.TryGetValue(probeId, out var list))
            {
                _accepted[probeId] = list = [];
            }

            var high = list.Count > 0 ? list[^1].Sequence : 0;
            if (sequence <= high)
            {
                return false;
            }

            if (sequence != high + 1)
            {
                throw new StreamWatch.Grpc.Core.RpcException(new StreamWatch.Grpc.Core.Status(StreamWatch.Grpc.Core.StatusCode.FailedPrecondition, $"Sequence gap: expected {high + 1}, got {sequence}."));
            }

            list.Add((sequence, report));
            return true;
        }
    }

    public IReadOnlyList<long> Sequences(string probeId)
    {
        lock (_lock)
        {
            return _accepted.TryGetValue(probeId, out var list) ? list.ConvertAll(x => x.Sequence) : [];
        }
    }
}
