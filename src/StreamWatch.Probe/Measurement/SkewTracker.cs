using System.Collections.Concurrent;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// Cross-CDN skew: per stream and rendition, each CDN's latest live edge (end of its newest segment, by program
/// date-time when present, else by media sequence × target duration); skew is the leader's edge minus this one's.
/// </summary>
internal sealed class SkewTracker
{
    private readonly ConcurrentDictionary<(string Stream, string Rendition), ConcurrentDictionary<string, Edge>> _edges = new();

    /// <summary>Records this CDN's edge and returns (seconds behind the leader, media sequences behind the leader).</summary>
    public (TimeSpan Behind, long SequencesBehind) Observe(string stream, string rendition, string cdn, Edge edge)
    {
        var cdns = _edges.GetOrAdd((stream, rendition), _ => new ConcurrentDictionary<string, Edge>(StringComparer.Ordinal));
        cdns[cdn] = edge;
        var behind = TimeSpan.Zero;
        long sequences = 0;
        foreach (var (_, other) in cdns)
        {
            var seconds = other.Position - edge.Position;
            if (seconds > behind)
            {
                behind = seconds;
            }

            if (other.NextMediaSequence - edge.NextMediaSequence > sequences)
            {
                sequences = other.NextMediaSequence - edge.NextMediaSequence;
            }
        }

        return (behind, sequences);
    }

    /// <summary>Forgets a CDN's edge (its rendition was removed).</summary>
    public void Forget(string stream, string rendition, string cdn)
    {
        if (_edges.TryGetValue((stream, rendition), out var cdns))
        {
            cdns.TryRemove(cdn, out _);
        }
    }

    /// <summary>One CDN's live edge.</summary>
    /// <param name="Position">The end of the newest segment on the media timeline (program date-time, or sequence × target duration since an arbitrary zero).</param>
    /// <param name="NextMediaSequence">The media sequence the next segment will have.</param>
    public readonly record struct Edge(TimeSpan Position, long NextMediaSequence);
}
