extern alias gateway;

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using gateway::StreamWatch.Gateway.Metrics;
// The Grpc copy of the shared PooledBufferWriter: the gateway is aliased, its copy internal.
using StreamWatch.Buffers;

namespace StreamWatch.Benchmarks.Gateway;

/// <summary>
/// The gateway's <c>/metrics</c> merge: four services (gateway, alerting, probe, lab) exposing the
/// same 60 families (20 counters and 20 gauges of 20 series, 20 histograms of 10 series with 10
/// buckets), 3,200 sample lines each, 12,800 in all, merged into one exposition with a
/// <c>service</c> label on every sample.
/// </summary>
[MemoryDiagnoser]
public class MetricsMergeBenchmarks
{
    private static readonly string[] Services = ["gateway", "alerting", "probe", "lab"];
    private ExpositionSource[] _sources = null!;
    private PooledBufferWriter _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sources = new ExpositionSource[Services.Length];
        for (var i = 0; i < Services.Length; i++)
        {
            _sources[i] = new ExpositionSource(Encoding.UTF8.GetBytes(Exposition(i)), ExpositionMerger.ServiceLabel(Services[i]));
        }

        _output = new PooledBufferWriter(4 * 1024 * 1024);
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark]
    public int Merge()
    {
        _output.Clear();
        return ExpositionMerger.Merge(_sources, _output);
    }

    private static string Exposition(int seed)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        for (var f = 0; f < 20; f++)
        {
            text.Append(inv, $"# HELP streamwatch_bench_events{f}_total Events.\n# TYPE streamwatch_bench_events{f}_total counter\n");
            for (var s = 0; s < 20; s++)
            {
                text.Append(inv, $"streamwatch_bench_events{f}_total{{stream=\"stream-{s}\",cdn=\"cdn-{s % 3}\"}} {(seed * 1000) + s}\n");
            }

            text.Append(inv, $"# HELP streamwatch_bench_age{f}_seconds Age.\n# TYPE streamwatch_bench_age{f}_seconds gauge\n");
            for (var s = 0; s < 20; s++)
            {
                text.Append(inv, $"streamwatch_bench_age{f}_seconds{{stream=\"stream-{s}\",rendition=\"720p\"}} {s * 0.25}\n");
            }

            text.Append(inv, $"# HELP streamwatch_bench_fetch{f}_seconds Fetch time.\n# TYPE streamwatch_bench_fetch{f}_seconds histogram\n");
            for (var s = 0; s < 10; s++)
            {
                var cumulative = 0;
                foreach (var le in new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf" })
                {
                    cumulative += s + 1;
                    text.Append(inv, $"streamwatch_bench_fetch{f}_seconds_bucket{{stream=\"stream-{s}\",le=\"{le}\"}} {cumulative}\n");
                }

                text.Append(inv, $"streamwatch_bench_fetch{f}_seconds_sum{{stream=\"stream-{s}\"}} {cumulative * 0.07}\n");
                text.Append(inv, $"streamwatch_bench_fetch{f}_seconds_count{{stream=\"stream-{s}\"}} {cumulative}\n");
            }
        }

        return text.ToString();
    }
}
