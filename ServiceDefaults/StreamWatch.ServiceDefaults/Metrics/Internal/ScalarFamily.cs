using System.Diagnostics.Metrics;

namespace StreamWatch.ServiceDefaults.Metrics.Internal;

/// <summary>How a counter or gauge series combines measurements.</summary>
internal enum ScalarAggregation
{
    /// <summary>Counter, UpDownCounter: measurements are deltas, summed.</summary>
    Sum,

    /// <summary>Gauge: the last value recorded wins.</summary>
    LastValue,

    /// <summary>Observable instruments: the value reported by the callback of the current collection.</summary>
    Observed,
}

/// <summary>A counter or gauge: one value per series.</summary>
internal sealed class ScalarFamily : MetricFamily<ScalarSeries>
{
    private readonly ScalarAggregation _aggregation;
    private readonly CollectionEpoch _epoch;
    private readonly bool _monotonic;

    public ScalarFamily(Instrument instrument, string name, MetricType type, string help, ScalarAggregation aggregation, CollectionEpoch epoch, int maxSeries, Action<MetricFamily> onOverflow)
        : base(instrument, name, type, help, maxSeries, onOverflow)
    {
        _aggregation = aggregation;
        _epoch = epoch;
        _monotonic = type == MetricType.Counter;
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_monotonic && _aggregation == ScalarAggregation.Sum && !(value >= 0))
        {
            // A counter only goes up: a negative or NaN increment is a caller bug, dropped as OpenTelemetry does.
            return;
        }

        var series = GetSeries(tags);
        switch (_aggregation)
        {
            case ScalarAggregation.Sum:
                series.Add(value);
                break;
            case ScalarAggregation.LastValue:
                series.Set(value);
                break;
            default:
                series.Set(value);
                series.Epoch = _epoch.Current;
                break;
        }
    }

    public override bool HasSamples(long epoch)
    {
        var series = Series;
        if (_aggregation != ScalarAggregation.Observed)
        {
            return series.Length > 0;
        }

        foreach (var item in series)
        {
            if (item.Epoch == epoch)
            {
                return true;
            }
        }

        return false;
    }

    public override void Write(ref ExpositionWriter writer, long epoch)
    {
        var observed = _aggregation == ScalarAggregation.Observed;
        foreach (var series in Series)
        {
            // An observable series the callback did not report this time is gone (OpenTelemetry semantics).
            if (observed && series.Epoch != epoch)
            {
                continue;
            }

            writer.Write(series.LinePrefix);
            writer.WriteValue(series.Value);
            writer.Write((byte)'\n');
        }
    }

    protected override ScalarSeries CreateSeries(string labels)
        => new(Utf8(labels.Length == 0 ? Name + " " : $"{Name}{{{labels}}} "));
}

/// <summary>One counter or gauge series.</summary>
internal sealed class ScalarSeries(byte[] linePrefix)
{
    private double _value;

    /// <summary><c>name{labels} </c>, UTF-8, ready to be followed by the value.</summary>
    public byte[] LinePrefix { get; } = linePrefix;

    public double Value => Volatile.Read(ref _value);

    /// <summary>The collection in which an observable callback last reported this series.</summary>
    public long Epoch { get; set; } = -1;

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);
}
