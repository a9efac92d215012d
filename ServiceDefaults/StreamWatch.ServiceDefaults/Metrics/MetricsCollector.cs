using System.Buffers;
using System.Diagnostics.Metrics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamWatch.ServiceDefaults.Metrics.Internal;

namespace StreamWatch.ServiceDefaults.Metrics;

/// <summary>
/// Collects every System.Diagnostics.Metrics instrument of the configured meters with a
/// <see cref="MeterListener"/> and writes them in the Prometheus text exposition format 0.0.4
/// (the stand-in for prometheus-net: PLATFORM.md). Thread-safe: instruments record while a
/// scrape writes. The gateway resolves it from DI to merge service feeds.
/// </summary>
/// <remarks>
/// Mapping: Counter and ObservableCounter → <c>counter</c>; UpDownCounter, Gauge and their observable
/// forms → <c>gauge</c>; Histogram → <c>histogram</c> with the instrument's advised bucket boundaries
/// (else <see cref="MetricsOptions.DefaultSecondsBoundaries"/> for <c>s</c> and
/// <see cref="MetricsOptions.DefaultBoundaries"/> otherwise). Names follow <see cref="PrometheusNames"/>.
/// Measurement tags become labels; meter- and instrument-level tags are not exposed. An observable
/// series appears only in scrapes whose callback reported it. No timestamps are written.
/// </remarks>
public sealed partial class MetricsCollector : IDisposable
{
    /// <summary>The Content-Type of the text exposition format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener;
    private readonly MetricsOptions _options;
    private readonly IMeterFactory? _scope;
    private readonly ILogger _logger;
    private readonly CollectionEpoch _epoch = new();
    private readonly Lock _familiesGate = new();
    private readonly Lock _collectGate = new();
    private readonly Action<MetricFamily> _onOverflow;
    private MetricFamily[] _families = [];

    /// <summary>Starts listening at once; instruments already published are picked up too.</summary>
    /// <param name="options">Which meters to expose, and the series limit.</param>
    /// <param name="scope">
    /// The host's meter factory. Meters created by another factory (another host in the same
    /// process, such as a second test server) are ignored; meters created with <c>new Meter</c> are kept.
    /// </param>
    /// <param name="logger">Reports name conflicts, series overflow and failing observable callbacks.</param>
    public MetricsCollector(MetricsOptions options, IMeterFactory? scope = null, ILogger<MetricsCollector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _scope = scope;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _onOverflow = family => Log.SeriesLimitReached(_logger, family.Name, _options.MaxSeriesPerMetric);
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricFamily)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>
    /// Runs the observable instruments' callbacks, then writes every family that has samples:
    /// <c># HELP</c> and <c># TYPE</c> once per family, families sorted by name. Scrapes are
    /// serialized; recording is not blocked.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_collectGate)
        {
            var epoch = _epoch.Next();
            try
            {
                _listener.RecordObservableInstruments();
            }
#pragma warning disable CA1031 // A throwing callback of one service component must not take the whole scrape down.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ObservableCallbackFailed(_logger, ex);
            }

            var writer = new ExpositionWriter(output);
            string? headerWritten = null;
            foreach (var family in Volatile.Read(ref _families))
            {
                if (!family.HasSamples(epoch))
                {
                    continue;
                }

                // Instruments of different meters may map to one name: one HELP/TYPE for all of them.
                if (!string.Equals(headerWritten, family.Name, StringComparison.Ordinal))
                {
                    writer.Write(family.Header);
                    headerWritten = family.Name;
                }

                family.Write(ref writer, epoch);
            }

            writer.Flush();
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!IsExposed(instrument.Meter))
        {
            return;
        }

        var type = Classify(instrument, out var aggregation);
        if (type is null)
        {
            return;
        }

        var name = PrometheusNames.MetricName(instrument.Meter.Name, instrument.Name, instrument.Unit, type.Value);
        var help = string.IsNullOrWhiteSpace(instrument.Description)
            ? $"{instrument.Name} ({instrument.Meter.Name})"
            : instrument.Description;
        MetricFamily family = type == MetricType.Histogram
            ? new HistogramFamily(instrument, name, help, Boundaries(instrument), _options.MaxSeriesPerMetric, _onOverflow)
            : new ScalarFamily(instrument, name, type.Value, help, aggregation, _epoch, _options.MaxSeriesPerMetric, _onOverflow);

        lock (_familiesGate)
        {
            var current = _families;
            var insertAt = current.Length;
            for (var i = 0; i < current.Length; i++)
            {
                var order = string.CompareOrdinal(current[i].Name, name);
                if (order == 0 && current[i].Type != type)
                {
                    Log.MetricNameConflict(_logger, name, instrument.Name, instrument.Meter.Name, current[i].Instrument.Name, current[i].Instrument.Meter.Name);
                    return;
                }

                if (order > 0)
                {
                    insertAt = i;
                    break;
                }
            }

            var next = new MetricFamily[current.Length + 1];
            Array.Copy(current, next, insertAt);
            next[insertAt] = family;
            Array.Copy(current, insertAt, next, insertAt + 1, current.Length - insertAt);
            Volatile.Write(ref _families, next);
        }

        listener.EnableMeasurementEvents(instrument, family);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is not MetricFamily family)
        {
            return;
        }

        lock (_familiesGate)
        {
            var current = _families;
            var index = Array.IndexOf(current, family);
            if (index < 0)
            {
                return;
            }

            var next = new MetricFamily[current.Length - 1];
            Array.Copy(current, next, index);
            Array.Copy(current, index + 1, next, index, current.Length - index - 1);
            Volatile.Write(ref _families, next);
        }
    }

    private bool IsExposed(Meter meter)
    {
        if (_scope is not null && meter.Scope is IMeterFactory owner && !ReferenceEquals(owner, _scope))
        {
            return false;
        }

        foreach (var prefix in _options.Meters)
        {
            if (meter.Name.StartsWith(prefix, StringComparison.Ordinal)
                && (meter.Name.Length == prefix.Length || meter.Name[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static MetricType? Classify(Instrument instrument, out ScalarAggregation aggregation)
    {
        aggregation = instrument.IsObservable ? ScalarAggregation.Observed : ScalarAggregation.Sum;
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return MetricType.Counter;
        }

        if (definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return MetricType.Gauge;
        }

        if (definition == typeof(Gauge<>))
        {
            aggregation = ScalarAggregation.LastValue;
            return MetricType.Gauge;
        }

        return definition == typeof(Histogram<>) ? MetricType.Histogram : null;
    }

    private double[] Boundaries(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => Advice(h),
            Histogram<float> h => Advice(h),
            Histogram<long> h => Advice(h),
            Histogram<int> h => Advice(h),
            Histogram<short> h => Advice(h),
            Histogram<byte> h => Advice(h),
            Histogram<decimal> h => Advice(h),
            _ => null,
        };

        if (advised is not null)
        {
            var valid = advised.Length > 0;
            for (var i = 0; valid && i < advised.Length; i++)
            {
                valid = double.IsFinite(advised[i]) && (i == 0 || advised[i] > advised[i - 1]);
            }

            if (valid)
            {
                return advised;
            }

            Log.InvalidBoundaries(_logger, instrument.Name, instrument.Meter.Name);
        }

        return [.. instrument.Unit == "s" ? MetricsOptions.DefaultSecondsBoundaries : MetricsOptions.DefaultBoundaries];
    }

    private static double[]? Advice<T>(Histogram<T> histogram)
        where T : struct, INumberBase<T>
    {
        var bounds = histogram.Advice?.HistogramBucketBoundaries;
        if (bounds is null)
        {
            return null;
        }

        var result = new double[bounds.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = double.CreateTruncating(bounds[i]);
        }

        return result;
    }
}
