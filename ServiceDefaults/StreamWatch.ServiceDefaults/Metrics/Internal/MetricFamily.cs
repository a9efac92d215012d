using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace StreamWatch.ServiceDefaults.Metrics.Internal;

/// <summary>Shared by a collector and its families: the number of the collection in progress.</summary>
internal sealed class CollectionEpoch
{
    private long _value;

    public long Current => Volatile.Read(ref _value);

    public long Next() => Interlocked.Increment(ref _value);
}

/// <summary>The series of one instrument, and how they render.</summary>
internal abstract class MetricFamily
{
    protected MetricFamily(Instrument instrument, string name, MetricType type, string help)
    {
        Instrument = instrument;
        Name = name;
        Type = type;
        Header = Exposition.Header(name, help, type);
    }

    public Instrument Instrument { get; }

    public string Name { get; }

    public MetricType Type { get; }

    /// <summary>The <c># HELP</c> and <c># TYPE</c> lines, UTF-8.</summary>
    public byte[] Header { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>True when <see cref="Write"/> would write at least one sample.</summary>
    public abstract bool HasSamples(long epoch);

    public abstract void Write(ref ExpositionWriter writer, long epoch);
}

/// <summary>A family whose series are found by tag set without allocating on the recording path.</summary>
internal abstract class MetricFamily<TSeries> : MetricFamily
    where TSeries : class
{
    /// <summary>OpenTelemetry's cardinality-overflow attribute: measurements past the series limit land here.</summary>
    private static readonly KeyValuePair<string, object?>[] OverflowTags = [new("otel.metric.overflow", true)];

    private readonly ConcurrentDictionary<SeriesKey, TSeries> _series = new(SeriesKeyComparer.Instance);
    private readonly ConcurrentDictionary<SeriesKey, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly Lock _gate = new();
    private readonly int _maxSeries;
    private readonly Action<MetricFamily> _onOverflow;
    private TSeries? _unlabelled;
    private TSeries? _overflow;
    private TSeries[] _snapshot = [];
    private int _labelledCount;

    protected MetricFamily(Instrument instrument, string name, MetricType type, string help, int maxSeries, Action<MetricFamily> onOverflow)
        : base(instrument, name, type, help)
    {
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        _maxSeries = maxSeries;
        _onOverflow = onOverflow;
    }

    /// <summary>Every series so far, in creation order; replaced (never mutated) when one is added.</summary>
    protected TSeries[] Series => Volatile.Read(ref _snapshot);

    protected TSeries GetSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Volatile.Read(ref _unlabelled) ?? AddUnlabelled();
        }

        tags = SeriesKeyComparer.Sort(tags);
        return _lookup.TryGetValue(tags, out var series) ? series : Add(tags);
    }

    /// <summary>Creates a series for labels rendered as <c>a="x",b="y"</c> (empty when none).</summary>
    protected abstract TSeries CreateSeries(string labels);

    private TSeries AddUnlabelled()
    {
        lock (_gate)
        {
            if (_unlabelled is null)
            {
                var series = CreateSeries(string.Empty);
                Append(series);
                Volatile.Write(ref _unlabelled, series);
            }

            return _unlabelled;
        }
    }

    private TSeries Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Series are never removed: once the limit is reached every new tag set overflows, without the lock.
        if (Volatile.Read(ref _overflow) is { } full)
        {
            return full;
        }

        lock (_gate)
        {
            if (_lookup.TryGetValue(tags, out var existing))
            {
                return existing;
            }

            if (_labelledCount >= _maxSeries)
            {
                if (_overflow is null)
                {
                    var overflow = CreateSeries(Labels.Render(OverflowTags, Type == MetricType.Histogram));
                    Append(overflow);
                    Volatile.Write(ref _overflow, overflow);
                    _onOverflow(this);
                }

                return _overflow;
            }

            var series = CreateSeries(Labels.Render(tags, Type == MetricType.Histogram));
            _lookup.TryAdd(tags, series);
            _labelledCount++;
            Append(series);
            return series;
        }
    }

    private void Append(TSeries series)
    {
        var current = _snapshot;
        var next = new TSeries[current.Length + 1];
        current.CopyTo(next, 0);
        next[^1] = series;
        Volatile.Write(ref _snapshot, next);
    }

    protected static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
