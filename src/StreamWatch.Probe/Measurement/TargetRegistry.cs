using System.Collections.Concurrent;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Measurement;

/// <summary>The renditions currently polled, by key, for the API and the gauges (a removed rendition leaves both).</summary>
internal sealed class TargetRegistry
{
    private readonly ConcurrentDictionary<string, RenditionState> _states = new(StringComparer.Ordinal);

    public RenditionState Add(RenditionTarget target) => _states.GetOrAdd(target.Key, _ => new RenditionState(target));

    public void Remove(RenditionTarget target) => _states.TryRemove(target.Key, out _);

    /// <summary>Every rendition's state, unordered (the gauges' callbacks).</summary>
    public IEnumerable<TargetStatus> Current()
    {
        foreach (var (_, state) in _states)
        {
            yield return state.Snapshot();
        }
    }

    /// <summary>Every rendition's state, ordered by stream, CDN and rendition.</summary>
    public IReadOnlyList<TargetStatus> Snapshot()
    {
        var list = new List<TargetStatus>(_states.Count);
        list.AddRange(Current());
        list.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Stream, b.Stream);
            c = c != 0 ? c : string.CompareOrdinal(a.Cdn, b.Cdn);
            return c != 0 ? c : string.CompareOrdinal(a.Rendition, b.Rendition);
        });
        return list;
    }
}
