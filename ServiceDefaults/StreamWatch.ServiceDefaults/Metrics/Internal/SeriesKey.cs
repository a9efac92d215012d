namespace StreamWatch.ServiceDefaults.Metrics.Internal;

/// <summary>One tag set, sorted by key; the identity of a series within a family.</summary>
internal sealed class SeriesKey(KeyValuePair<string, object?>[] tags, int hash)
{
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public int Hash { get; } = hash;
}

/// <summary>
/// Compares stored keys with the sorted tag span a measurement arrives with, so the hot path
/// looks a series up without allocating a key.
/// </summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public bool Equals(SeriesKey? x, SeriesKey? y)
        => ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && Equals(x.Tags, y));

    public int GetHashCode(SeriesKey obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, SeriesKey other)
    {
        var tags = other.Tags;
        if (alternate.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(alternate[i].Key, tags[i].Key, StringComparison.Ordinal) || !Equals(alternate[i].Value, tags[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => Hash(alternate);

    public SeriesKey Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => new(alternate.ToArray(), Hash(alternate));

    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = default(HashCode);
        foreach (var tag in tags)
        {
            hash.Add(tag.Key, StringComparer.Ordinal);
            hash.Add(tag.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// The tags sorted by key (ordinal), so <c>{a,b}</c> and <c>{b,a}</c> are one series. Call sites
    /// nearly always pass tags in one order, so an already sorted span is returned as it is;
    /// otherwise the sort happens in a per-thread scratch array.
    /// </summary>
    public static ReadOnlySpan<KeyValuePair<string, object?>> Sort(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = true;
        for (var i = 1; i < tags.Length; i++)
        {
            if (string.CompareOrdinal(tags[i - 1].Key, tags[i].Key) > 0)
            {
                sorted = false;
                break;
            }
        }

        if (sorted)
        {
            return tags;
        }

        var scratch = t_scratch;
        if (scratch is null || scratch.Length < tags.Length)
        {
            scratch = t_scratch = new KeyValuePair<string, object?>[Math.Max(8, tags.Length)];
        }

        var span = scratch.AsSpan(0, tags.Length);
        tags.CopyTo(span);

        // Insertion sort: tag sets are small (a handful of labels).
        for (var i = 1; i < span.Length; i++)
        {
            var item = span[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(span[j].Key, item.Key) > 0)
            {
                span[j + 1] = span[j];
                j--;
            }

            span[j + 1] = item;
        }

        return span;
    }

    private static bool Equals(KeyValuePair<string, object?>[] tags, SeriesKey other)
        => Instance.Equals(tags.AsSpan(), other);

    [ThreadStatic]
    private static KeyValuePair<string, object?>[]? t_scratch;
}
