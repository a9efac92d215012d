using System.Diagnostics.Metrics;

namespace StreamWatch.ServiceDefaults.Metrics.Internal;

/// <summary>A histogram with explicit bucket boundaries (upper bounds, inclusive, as <c>le</c> means).</summary>
internal sealed class HistogramFamily : MetricFamily<HistogramSeries>
{
    private readonly double[] _bounds;
    private readonly byte[][] _leSuffixes;

    public HistogramFamily(Instrument instrument, string name, string help, double[] bounds, int maxSeries, Action<MetricFamily> onOverflow)
        : base(instrument, name, MetricType.Histogram, help, maxSeries, onOverflow)
    {
        _bounds = bounds;
        _leSuffixes = new byte[bounds.Length + 1][];
        for (var i = 0; i < bounds.Length; i++)
        {
            _leSuffixes[i] = Utf8($"le=\"{Exposition.FormatDouble(bounds[i])}\"}} ");
        }

        _leSuffixes[^1] = "le=\"+Inf\"} "u8.ToArray();
    }

    public IReadOnlyList<double> Bounds => _bounds;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            // NaN falls in no bucket and would poison _sum forever.
            return;
        }

        GetSeries(tags).Record(value, BucketIndex(value));
    }

    public override bool HasSamples(long epoch) => Series.Length > 0;

    public override void Write(ref ExpositionWriter writer, long epoch)
    {
        foreach (var series in Series)
        {
            // _count is the cumulative total of the buckets read here, so "+Inf" == _count holds
            // even while other threads record; _sum may be a measurement ahead, as in every client library.
            var counts = series.Counts;
            long cumulative = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                cumulative += Volatile.Read(ref counts[i]);
                writer.Write(series.BucketPrefix);
                writer.Write(_leSuffixes[i]);
                writer.WriteValue(cumulative);
                writer.Write((byte)'\n');
            }

            writer.Write(series.SumPrefix);
            writer.WriteValue(series.Sum);
            writer.Write((byte)'\n');
            writer.Write(series.CountPrefix);
            writer.WriteValue(cumulative);
            writer.Write((byte)'\n');
        }
    }

    protected override HistogramSeries CreateSeries(string labels)
    {
        var suffix = labels.Length == 0 ? " " : $"{{{labels}}} ";
        return new HistogramSeries(
            Utf8(labels.Length == 0 ? $"{Name}_bucket{{" : $"{Name}_bucket{{{labels},"),
            Utf8($"{Name}_sum{suffix}"),
            Utf8($"{Name}_count{suffix}"),
            _bounds.Length + 1);
    }

    private int BucketIndex(double value)
    {
        var bounds = _bounds;
        if (bounds.Length <= 16)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    return i;
                }
            }

            return bounds.Length;
        }

        // First bound >= value; ~index when none is equal.
        var index = Array.BinarySearch(bounds, value);
        return index >= 0 ? index : ~index;
    }
}

/// <summary>One histogram series: a count per bucket (not cumulative) and the sum.</summary>
internal sealed class HistogramSeries(byte[] bucketPrefix, byte[] sumPrefix, byte[] countPrefix, int buckets)
{
    private double _sum;

    /// <summary><c>name_bucket{labels,</c>: the <c>le</c> label and the value follow.</summary>
    public byte[] BucketPrefix { get; } = bucketPrefix;

    public byte[] SumPrefix { get; } = sumPrefix;

    public byte[] CountPrefix { get; } = countPrefix;

    /// <summary>Per bucket, the last one being +Inf (above every bound).</summary>
    public long[] Counts { get; } = new long[buckets];

    public double Sum => Volatile.Read(ref _sum);

    public void Record(double value, int bucket)
    {
        Interlocked.Increment(ref Counts[bucket]);
        var current = Volatile.Read(ref _sum);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _sum, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
