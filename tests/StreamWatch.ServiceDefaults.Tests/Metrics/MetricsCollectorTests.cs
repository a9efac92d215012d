using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.ServiceDefaults.Metrics;
using StreamWatch.ServiceDefaults.Tests.Support;

namespace StreamWatch.ServiceDefaults.Tests.Metrics;

public sealed class MetricsCollectorTests : IDisposable
{
    // A meter of our own per test: the collector only sees it, not other tests' instruments.
    private readonly Meter _meter = new($"StreamWatch.Tests.{Guid.NewGuid():N}");
    private readonly MetricsCollector _collector;

    public MetricsCollectorTests() => _collector = new MetricsCollector(new MetricsOptions { Meters = [_meter.Name] });

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void WriteTo_Counter_WritesTotalFamilyWithOneSamplePerTagSet()
    {
        var errors = _meter.CreateCounter<long>("probe.errors", "{error}", "Probe errors by kind.");
        errors.Add(2, new KeyValuePair<string, object?>("kind", "timeout"));
        errors.Add(1, new KeyValuePair<string, object?>("kind", "http"));
        errors.Add(3, new KeyValuePair<string, object?>("kind", "timeout"));

        Assert.Equal(
            """
            # HELP streamwatch_probe_errors_total Probe errors by kind.
            # TYPE streamwatch_probe_errors_total counter
            streamwatch_probe_errors_total{kind="timeout"} 5
            streamwatch_probe_errors_total{kind="http"} 1

            """,
            ExpositionText.Render(_collector));
    }

    [Fact]
    public void WriteTo_CounterGivenNegativeIncrement_IgnoresIt()
    {
        var counter = _meter.CreateCounter<double>("deliveries", description: "Deliveries.");
        counter.Add(1.5);
        counter.Add(-1);
        counter.Add(double.NaN);

        Assert.Contains("\nstreamwatch_deliveries_total 1.5\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_UpDownCounterAndGauge_WriteGauges()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("probe.in_flight", "{request}", "Fetches in flight.");
        var age = _meter.CreateGauge<double>("probe.playlist_age", "s", "Age of the newest playlist.");
        inFlight.Add(5);
        inFlight.Add(-2);
        age.Record(-1.5, new KeyValuePair<string, object?>("stream", "final"));
        age.Record(2.25, new KeyValuePair<string, object?>("stream", "final"));

        Assert.Equal(
            """
            # HELP streamwatch_probe_in_flight Fetches in flight.
            # TYPE streamwatch_probe_in_flight gauge
            streamwatch_probe_in_flight 3
            # HELP streamwatch_probe_playlist_age_seconds Age of the newest playlist.
            # TYPE streamwatch_probe_playlist_age_seconds gauge
            streamwatch_probe_playlist_age_seconds{stream="final"} 2.25

            """,
            ExpositionText.Render(_collector));
    }

    [Fact]
    public void WriteTo_Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        var fetch = _meter.CreateHistogram("probe.manifest_fetch", "s", "Manifest fetch time.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 0.5, 1] });
        var cdn = new KeyValuePair<string, object?>("cdn", "cdn-a");
        fetch.Record(0.0625, cdn);
        fetch.Record(0.125, cdn); // le is inclusive: this one is in the 0.125 bucket
        fetch.Record(0.75, cdn);
        fetch.Record(3, cdn);

        Assert.Equal(
            """
            # HELP streamwatch_probe_manifest_fetch_seconds Manifest fetch time.
            # TYPE streamwatch_probe_manifest_fetch_seconds histogram
            streamwatch_probe_manifest_fetch_seconds_bucket{cdn="cdn-a",le="0.125"} 2
            streamwatch_probe_manifest_fetch_seconds_bucket{cdn="cdn-a",le="0.5"} 2
            streamwatch_probe_manifest_fetch_seconds_bucket{cdn="cdn-a",le="1"} 3
            streamwatch_probe_manifest_fetch_seconds_bucket{cdn="cdn-a",le="+Inf"} 4
            streamwatch_probe_manifest_fetch_seconds_sum{cdn="cdn-a"} 3.9375
            streamwatch_probe_manifest_fetch_seconds_count{cdn="cdn-a"} 4

            """,
            ExpositionText.Render(_collector));
    }

    [Fact]
    public void WriteTo_HistogramTagNamedLe_IsRenamedSoTheBucketLabelStaysUnique()
    {
        _meter.CreateHistogram("sizes", null, "Sizes.", null, new InstrumentAdvice<int> { HistogramBucketBoundaries = [10] })
            .Record(5, new KeyValuePair<string, object?>("le", "mine"));

        Assert.Contains("\nstreamwatch_sizes_bucket{key_le=\"mine\",le=\"10\"} 1\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_HistogramWithoutAdviceInSeconds_UsesDefaultSecondsBuckets()
    {
        var histogram = _meter.CreateHistogram<double>("segment.fetch", "s");
        histogram.Record(0.2);

        var text = ExpositionText.Render(_collector);

        var les = ExpositionText.Samples(text).Where(s => s.Series.Contains("_bucket", StringComparison.Ordinal)).Select(s => s.Series).ToList();
        Assert.Equal(MetricsOptions.DefaultSecondsBoundaries.Count + 1, les.Count);
        Assert.Equal("streamwatch_segment_fetch_seconds_bucket{le=\"0.005\"}", les[0]);
        Assert.Equal("streamwatch_segment_fetch_seconds_bucket{le=\"+Inf\"}", les[^1]);
        Assert.Contains("\nstreamwatch_segment_fetch_seconds_bucket{le=\"0.25\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nstreamwatch_segment_fetch_seconds_bucket{le=\"0.1\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_HistogramIgnoresNaN_AndCountsInfinityInInfBucketOnly()
    {
        var histogram = _meter.CreateHistogram("lag", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        histogram.Record(double.NaN);
        histogram.Record(double.PositiveInfinity);

        var text = ExpositionText.Render(_collector);

        Assert.Contains("streamwatch_lag_seconds_bucket{le=\"1\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("streamwatch_lag_seconds_bucket{le=\"+Inf\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("streamwatch_lag_seconds_sum +Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("streamwatch_lag_seconds_count 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_ObservableInstruments_ReportWhatTheCallbackReturnsThisScrape()
    {
        var streams = new List<Measurement<int>> { new(0, new KeyValuePair<string, object?>("stream", "a")), new(2, new KeyValuePair<string, object?>("stream", "b")) };
        _meter.CreateObservableGauge("stream.state", () => streams, description: "0 operational, 1 degraded, 2 outage, 3 unknown.");
        _meter.CreateObservableCounter("webhook.deliveries", () => 42L, "{delivery}", "Webhook deliveries.");
        _meter.CreateObservableUpDownCounter("alerts.firing", () => 7, "{alert}", "Firing alerts.");

        var first = ExpositionText.Render(_collector);
        streams = [new(1, new KeyValuePair<string, object?>("stream", "b"))];
        var second = ExpositionText.Render(_collector);

        Assert.Equal(
            """
            # HELP streamwatch_alerts_firing Firing alerts.
            # TYPE streamwatch_alerts_firing gauge
            streamwatch_alerts_firing 7
            # HELP streamwatch_stream_state 0 operational, 1 degraded, 2 outage, 3 unknown.
            # TYPE streamwatch_stream_state gauge
            streamwatch_stream_state{stream="a"} 0
            streamwatch_stream_state{stream="b"} 2
            # HELP streamwatch_webhook_deliveries_total Webhook deliveries.
            # TYPE streamwatch_webhook_deliveries_total counter
            streamwatch_webhook_deliveries_total 42

            """,
            first);
        Assert.Contains("streamwatch_stream_state{stream=\"b\"} 1\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("stream=\"a\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_ObservableCallbackThrows_OtherInstrumentsAreStillWritten()
    {
        _meter.CreateObservableGauge<int>("broken", (Func<int>)(() => throw new InvalidOperationException("boom")), description: "Broken.");
        _meter.CreateObservableGauge("fine", () => 1, description: "Fine.");
        _meter.CreateCounter<int>("sync", description: "Sync.").Add(1);

        var text = ExpositionText.Render(_collector);

        Assert.Contains("\nstreamwatch_fine 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nstreamwatch_sync_total 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_LabelValues_AreEscaped()
    {
        var counter = _meter.CreateCounter<int>("escapes", description: "Escaping.");
        counter.Add(1, new KeyValuePair<string, object?>("path", "C:\\dir\\\"quoted\"\nnext"));

        Assert.Contains("streamwatch_escapes_total{path=\"C:\\\\dir\\\\\\\"quoted\\\"\\nnext\"} 1\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_HelpText_EscapesBackslashAndNewlineButNotQuotes()
    {
        _meter.CreateCounter<int>("help", description: "A \"quoted\" back\\slash\nand a second line").Add(1);

        Assert.StartsWith("# HELP streamwatch_help_total A \"quoted\" back\\\\slash\\nand a second line\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_InstrumentWithoutDescription_GetsHelpNamingInstrumentAndMeter()
    {
        _meter.CreateCounter<int>("undocumented").Add(1);

        Assert.StartsWith($"# HELP streamwatch_undocumented_total undocumented ({_meter.Name})\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_LabelNamesAndTagOrder_AreSanitizedAndSorted()
    {
        var counter = _meter.CreateCounter<int>("responses", description: "Responses.");
        counter.Add(1, new("http.response.status_code", 503), new("2xx", false), new("cdn", "b"));
        counter.Add(1, new("cdn", "b"), new("http.response.status_code", 503), new("2xx", false));

        Assert.Contains("\nstreamwatch_responses_total{cdn=\"b\",http_response_status_code=\"503\",key_2xx=\"false\"} 2\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_KeysThatSanitizeToOneName_MergeValues()
    {
        _meter.CreateCounter<int>("merged", description: "Merged.").Add(1, new("a.b", "x"), new("a_b", "y"));

        Assert.Contains("\nstreamwatch_merged_total{a_b=\"x;y\"} 1\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157E+308")]
    public void WriteTo_GaugeValue_IsFormattedForGoParseFloat(double value, string expected)
    {
        _meter.CreateGauge<double>("value", null, "Value.").Record(value);

        Assert.EndsWith($"\nstreamwatch_value {expected}\n", ExpositionText.Render(_collector), StringComparison.Ordinal);
        Assert.Equal(value, double.Parse(expected.Replace("+Inf", "Infinity", StringComparison.Ordinal).Replace("-Inf", "-Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriteTo_FamiliesAreSortedByNameWithOneHeaderEach()
    {
        _meter.CreateGauge<int>("zeta", null, "Z.").Record(1);
        _meter.CreateGauge<int>("alpha", null, "A.").Record(1, new KeyValuePair<string, object?>("x", "1"));
        _meter.CreateGauge<int>("alpha", null, "A.").Record(2, new KeyValuePair<string, object?>("x", "2"));

        var text = ExpositionText.Render(_collector);

        var types = text.Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)).ToList();
        Assert.Equal(["# TYPE streamwatch_alpha gauge", "# TYPE streamwatch_zeta gauge"], types);
    }

    [Fact]
    public void WriteTo_InstrumentWithoutMeasurements_WritesNothing()
    {
        _meter.CreateCounter<int>("idle", description: "Never incremented.");

        Assert.Equal(string.Empty, ExpositionText.Render(_collector));
    }

    [Fact]
    public void WriteTo_SameNameWithAnotherType_KeepsTheFirst()
    {
        _meter.CreateGauge<int>("clash", null, "First.").Record(1);
        _meter.CreateUpDownCounter<int>("clash", null, "Second, also a gauge.").Add(1);
        _meter.CreateHistogram<int>("clash", null, "Third, a histogram.").Record(1);

        var text = ExpositionText.Render(_collector);

        Assert.DoesNotContain("histogram", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.StartsWith("# TYPE", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTo_DisposedMeter_IsNoLongerExposed()
    {
        using var other = new Meter(_meter.Name + ".Child");
        using var collector = new MetricsCollector(new MetricsOptions { Meters = [_meter.Name] });
        other.CreateCounter<int>("gone", description: "Gone.").Add(1);
        Assert.Contains("streamwatch_gone_total 1", ExpositionText.Render(collector), StringComparison.Ordinal);

        other.Dispose();

        Assert.Equal(string.Empty, ExpositionText.Render(collector));
    }

    [Fact]
    public void WriteTo_MoreTagSetsThanTheLimit_CountsTheRestInTheOverflowSeries()
    {
        using var collector = new MetricsCollector(new MetricsOptions { Meters = [_meter.Name], MaxSeriesPerMetric = 2 });
        var counter = _meter.CreateCounter<int>("bounded", description: "Bounded.");
        for (var i = 0; i < 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("stream", i.ToString(CultureInfo.InvariantCulture)));
        }

        var samples = ExpositionText.Samples(ExpositionText.Render(collector));

        Assert.Equal(
            [("streamwatch_bounded_total{stream=\"0\"}", "1"), ("streamwatch_bounded_total{stream=\"1\"}", "1"), ("streamwatch_bounded_total{otel_metric_overflow=\"true\"}", "3")],
            samples);
    }

    [Fact]
    public void WriteTo_MeterOfAnotherHostsFactory_IsIgnored()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var otherFactory = otherServices.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(new MetricsOptions { Meters = [_meter.Name] }, factory);
        factory.Create(_meter.Name).CreateCounter<int>("mine", description: "Mine.").Add(1);
        otherFactory.Create(_meter.Name).CreateCounter<int>("theirs", description: "Theirs.").Add(1);

        var text = ExpositionText.Render(collector);

        Assert.Contains("streamwatch_mine_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTo_WhileRecordingOnOtherThreads_EveryScrapeIsConsistentAndNothingIsLost()
    {
        var histogram = _meter.CreateHistogram("busy", "s", "Busy.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 0.75] });
        var counter = _meter.CreateCounter<long>("busy.events", description: "Events.");
        const int Threads = 4;
        const int PerThread = 50_000;
        var recorders = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                // Series come and go under the scrape's feet: a new label value every 1,000 measurements.
                var tag = new KeyValuePair<string, object?>("shard", (i / 1_000 % 7).ToString(CultureInfo.InvariantCulture));
                histogram.Record((i % 4) * 0.25, tag);
                counter.Add(1, tag);
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        var scrapes = 0;
        while (!recorders.All(r => r.IsCompleted) || scrapes == 0)
        {
            AssertConsistent(ExpositionText.Render(_collector));
            scrapes++;
        }

        await Task.WhenAll(recorders);
        var final = ExpositionText.Samples(ExpositionText.Render(_collector));
        Assert.Equal(Threads * PerThread, final.Where(s => s.Series.StartsWith("streamwatch_busy_events_total", StringComparison.Ordinal)).Sum(s => long.Parse(s.Value, CultureInfo.InvariantCulture)));
        Assert.Equal(Threads * PerThread, final.Where(s => s.Series.StartsWith("streamwatch_busy_seconds_count", StringComparison.Ordinal)).Sum(s => long.Parse(s.Value, CultureInfo.InvariantCulture)));
        Assert.True(scrapes > 0);
    }

    /// <summary>Buckets never decrease along <c>le</c>, and the +Inf bucket equals _count, in every series.</summary>
    private static void AssertConsistent(string text)
    {
        long previous = -1;
        long inf = -1;
        foreach (var (series, value) in ExpositionText.Samples(text))
        {
            if (series.StartsWith("streamwatch_busy_seconds_bucket", StringComparison.Ordinal))
            {
                var count = long.Parse(value, CultureInfo.InvariantCulture);
                Assert.True(count >= previous, $"bucket went down: {series} {value}");
                previous = count;
                if (series.EndsWith("le=\"+Inf\"}", StringComparison.Ordinal))
                {
                    inf = count;
                    previous = -1;
                }
            }
            else if (series.StartsWith("streamwatch_busy_seconds_count", StringComparison.Ordinal))
            {
                Assert.Equal(inf, long.Parse(value, CultureInfo.InvariantCulture));
            }
        }
    }
}
