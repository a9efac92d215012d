namespace StreamWatch.Lab.Ffmpeg;

/// <summary>
/// The recent versions of one encoder manifest, newest last, so an edge can serve it as it was at an
/// earlier instant (stale, lag, the base of a sequence reset). Holds at most <see cref="Capacity"/> versions.
/// </summary>
internal sealed class ManifestHistory
{
    public const int Capacity = 128;
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset SeenAt, byte[] Body)> _versions = new();

    /// <summary>Records <paramref name="body"/> if it differs from the newest version.</summary>
    public void Observe(DateTimeOffset at, byte[] body)
    {
        lock (_gate)
        {
            if (_versions.Count > 0 && _versions.Last().Body.AsSpan().SequenceEqual(body))
            {
                return;
            }

            if (_versions.Count == Capacity)
            {
                _versions.Dequeue();
            }

            _versions.Enqueue((at, body));
        }
    }

    /// <summary>The version current at <paramref name="at"/>, or the oldest kept when history does not reach back that far.</summary>
    public byte[]? At(DateTimeOffset at)
    {
        lock (_gate)
        {
            byte[]? found = null;
            foreach (var (seenAt, body) in _versions)
            {
                if (seenAt > at)
                {
                    return found ?? body;
                }

                found = body;
            }

            return found;
        }
    }
}
