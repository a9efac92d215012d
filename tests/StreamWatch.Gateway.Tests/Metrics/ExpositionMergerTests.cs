using System.Text;
using StreamWatch.Buffers;
using StreamWatch.Gateway.Metrics;

namespace StreamWatch.Gateway.Tests.Metrics;

public sealed class ExpositionMergerTests
{
    private const string Alerting = """
        # HELP streamwatch_alerts_firing Alerts firing.
        # TYPE streamwatch_alerts_firing gauge
        streamwatch_alerts_firing{rule="ManifestStale",severity="critical"} 2
        # HELP http_server_request_duration_seconds Request duration.
        # TYPE http_server_request_duration_seconds histogram
        http_server_request_duration_seconds_bucket{le="0.1"} 3
        http_server_request_duration_seconds_bucket{le="+Inf"} 4
        http_server_request_duration_seconds_sum 0.5
        http_server_request_duration_seconds_count 4
        """;

    private const string Probe = """
        # A comment that is dropped.
        # HELP http_server_request_duration_seconds Request duration (probe's words).
        # TYPE http_server_request_duration_seconds histogram
        http_server_request_duration_seconds_bucket{le="0.1"} 7
        http_server_request_duration_seconds_bucket{le="+Inf"} 9
        http_server_request_duration_seconds_sum 1.25
        http_server_request_duration_seconds_count 9
        # TYPE streamwatch_alerts_firing counter
        streamwatch_alerts_firing 5
        # TYPE streamwatch_probe_errors_total counter
        streamwatch_probe_errors_total{kind="timeout",service="origin"} 1
        streamwatch_probe_errors_total{} 0
        """;

    [Fact]
    public void Families_are_merged_once_with_contiguous_samples_each_labelled_with_its_service()
    {
        var merged = Merge(("alerting", Alerting), ("probe", Probe));

        Assert.Equal(
            """
            # HELP http_server_request_duration_seconds Request duration.
            # TYPE http_server_request_duration_seconds histogram
            http_server_request_duration_seconds_bucket{service="alerting",le="0.1"} 3
            http_server_request_duration_seconds_bucket{service="alerting",le="+Inf"} 4
            http_server_request_duration_seconds_sum{service="alerting"} 0.5
            http_server_request_duration_seconds_count{service="alerting"} 4
            http_server_request_duration_seconds_bucket{service="probe",le="0.1"} 7
            http_server_request_duration_seconds_bucket{service="probe",le="+Inf"} 9
            http_server_request_duration_seconds_sum{service="probe"} 1.25
            http_server_request_duration_seconds_count{service="probe"} 9
            # HELP streamwatch_alerts_firing Alerts firing.
            # TYPE streamwatch_alerts_firing gauge
            streamwatch_alerts_firing{service="alerting",rule="ManifestStale",severity="critical"} 2
            # TYPE streamwatch_probe_errors_total counter
            streamwatch_probe_errors_total{service="probe",kind="timeout",exported_service="origin"} 1
            streamwatch_probe_errors_total{service="probe"} 0

            """.ReplaceLineEndings("\n"),
            merged);
    }

    [Fact]
    public void A_source_without_a_label_is_copied_verbatim()
    {
        var source = new ExpositionSource(Encoding.UTF8.GetBytes("# TYPE up gauge\nup{service=\"lab\"} 0\n"), null);
        using var output = new PooledBufferWriter();

        var families = ExpositionMerger.Merge([source], output);

        Assert.Equal(1, families);
        Assert.Equal("# TYPE up gauge\nup{service=\"lab\"} 0\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Label_values_holding_braces_quotes_and_the_word_service_survive()
    {
        var merged = Merge(("a", "# TYPE m gauge\nm{path=\"/x}{\\\"service=1\\\"\",b=\"c\"} 1 1700000000000\r\nmalformed{x=\"1\" 2\n"));

        Assert.Equal("# TYPE m gauge\nm{service=\"a\",path=\"/x}{\\\"service=1\\\"\",b=\"c\"} 1 1700000000000\n", merged);
    }

    [Fact]
    public void Large_input_grows_the_pooled_index_and_keeps_every_sample()
    {
        var text = new StringBuilder("# TYPE big counter\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("big{i=\"").Append(i).Append("\"} 1\n");
        }

        var merged = Merge(("a", text.ToString()), ("b", text.ToString()));

        Assert.Equal(40_001, merged.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static string Merge(params (string Service, string Text)[] sources)
    {
        var inputs = sources.Select(s => new ExpositionSource(Encoding.UTF8.GetBytes(s.Text.ReplaceLineEndings("\n") + "\n"), ExpositionMerger.ServiceLabel(s.Service))).ToArray();
        using var output = new PooledBufferWriter(16);
        ExpositionMerger.Merge(inputs, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
