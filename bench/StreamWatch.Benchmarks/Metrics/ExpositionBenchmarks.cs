using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using StreamWatch.ServiceDefaults.Metrics;

namespace StreamWatch.Benchmarks.Metrics;

/// <summary>
/// One scrape of 10,000 series: 40 counters and 40 gauges of 100 series each, and 20 histograms
/// of 100 series with 10 buckets each (2,000 series, 26,000 sample lines), every series labelled
/// with stream, cdn and rendition. Plus the recording hot path the services run per measurement.
/// </summary>
[MemoryDiagnoser]
public class ExpositionBenchmarks
{
    private const int SeriesPerInstrument = 100;
    private static readonly string[] Renditions = ["1080p", "720p", "480p", "360p"];

    private Meter _meter = null!;
    private MetricsCollector _collector = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private Counter<long> _counter = null!;
    private Histogram<double> _histogram = null!;

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter("StreamWatch.Benchmarks");
        _collector = new MetricsCollector(new MetricsOptions { Meters = [_meter.Name] });
        double[] bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
        for (var i = 0; i < 40; i++)
        {
            var counter = _meter.CreateCounter<long>($"bench.counter{i}", "{event}", "A benchmark counter.");
            var gauge = _meter.CreateGauge<double>($"bench.gauge{i}", "s", "A benchmark gauge.");
            for (var s = 0; s < SeriesPerInstrument; s++)
            {
                counter.Add(s * 1_000L + i, Tags(s));
                gauge.Record(s * 0.001 + i, Tags(s));
            }
        }

        for (var i = 0; i < 20; i++)
        {
            var histogram = _meter.CreateHistogram($"bench.histogram{i}", "s", "A benchmark histogram.", null,
                new InstrumentAdvice<double> { HistogramBucketBoundaries = bounds });
            for (var s = 0; s < SeriesPerInstrument; s++)
            {
                for (var m = 0; m < 20; m++)
                {
                    histogram.Record(m * 0.137, Tags(s));
                }
            }
        }

        _counter = _meter.CreateCounter<long>("bench.hot", "{event}", "Hot counter.");
        _histogram = _meter.CreateHistogram("bench.hot_latency", "s", "Hot histogram.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = bounds });
        _buffer = new ArrayBufferWriter<byte>(4 * 1024 * 1024);
        Scrape();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    /// <summary>Renders every family into a reused buffer, as the endpoint renders into Kestrel's pooled PipeWriter.</summary>
    [Benchmark]
    public int Scrape()
    {
        _buffer.ResetWrittenCount();
        _collector.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Counter.Add with three tags on an existing series.</summary>
    [Benchmark]
    public void RecordCounter()
        => _counter.Add(1, new KeyValuePair<string, object?>("cdn", "cdn-a"), new KeyValuePair<string, object?>("rendition", "720p"), new KeyValuePair<string, object?>("stream", "final"));

    /// <summary>Histogram.Record with three tags on an existing series.</summary>
    [Benchmark]
    public void RecordHistogram()
        => _histogram.Record(0.042, new KeyValuePair<string, object?>("cdn", "cdn-a"), new KeyValuePair<string, object?>("rendition", "720p"), new KeyValuePair<string, object?>("stream", "final"));

    private static TagList Tags(int series) => new()
    {
        { "stream", "stream-" + (series / 4).ToString(CultureInfo.InvariantCulture) },
        { "cdn", series % 2 == 0 ? "cdn-a" : "cdn-b" },
        { "rendition", Renditions[series % 4] },
    };
}
