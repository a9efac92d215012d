using StreamWatch.ServiceDefaults.Metrics;

namespace StreamWatch.ServiceDefaults.Tests.Metrics;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("StreamWatch.Probe", "probe.manifest_fetch", "s", MetricType.Histogram, "streamwatch_probe_manifest_fetch_seconds")]
    [InlineData("StreamWatch.Probe", "probe.errors", "{error}", MetricType.Counter, "streamwatch_probe_errors_total")]
    [InlineData("StreamWatch.Probe", "streamwatch.probe.errors.total", null, MetricType.Counter, "streamwatch_probe_errors_total")]
    [InlineData("StreamWatch", "stream.state", null, MetricType.Gauge, "streamwatch_stream_state")]
    [InlineData("StreamWatch.Alerting", "alerts.firing", "{alert}", MetricType.Gauge, "streamwatch_alerts_firing")]
    [InlineData("StreamWatchers", "x", null, MetricType.Gauge, "x")]
    [InlineData("Microsoft.AspNetCore.Hosting", "http.server.request.duration", "s", MetricType.Histogram, "http_server_request_duration_seconds")]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel", "kestrel.active_connections", "{connection}", MetricType.Gauge, "kestrel_active_connections")]
    [InlineData("System.Runtime", "dotnet.gc.heap.total_allocated", "By", MetricType.Counter, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("Lib", "transfer.rate", "By/s", MetricType.Gauge, "transfer_rate_bytes_per_second")]
    [InlineData("Lib", "packets.rate", "{packet}/s", MetricType.Gauge, "packets_rate_per_second")]
    [InlineData("Lib", "cpu.utilization", "1", MetricType.Gauge, "cpu_utilization_ratio")]
    [InlineData("Lib", "things", "1", MetricType.Counter, "things_total")]
    [InlineData("Lib", "latency_seconds", "s", MetricType.Histogram, "latency_seconds")]
    [InlineData("Lib", "latency", "ms", MetricType.Histogram, "latency_milliseconds")]
    [InlineData("Lib", "size", "MiBy", MetricType.Gauge, "size_mebibytes")]
    [InlineData("Lib", "temp", "Cel", MetricType.Gauge, "temp_celsius")]
    [InlineData("Lib", "widgets", "widget", MetricType.Gauge, "widgets_widget")]
    [InlineData("Lib", "a..b--c", null, MetricType.Gauge, "a_b_c")]
    [InlineData("Lib", "9lives", null, MetricType.Gauge, "_9lives")]
    [InlineData("Lib", "rule:eval", null, MetricType.Gauge, "rule_eval")]
    [InlineData("System.Runtime", "dotnet.assembly.count", "{assembly}", MetricType.Gauge, "dotnet_assembly_count_value")]
    [InlineData("Lib", "pending.total", null, MetricType.Gauge, "pending_total_value")]
    [InlineData("Lib", "retries.count", null, MetricType.Counter, "retries_count_total")]
    [InlineData("Lib", "batch.sum", null, MetricType.Histogram, "batch_sum")]
    public void MetricName_FollowsPrometheusConventions(string meter, string instrument, string? unit, MetricType type, string expected)
        => Assert.Equal(expected, PrometheusNames.MetricName(meter, instrument, unit, type));

    [Theory]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("cdn", "cdn")]
    [InlineData("2xx", "key_2xx")]
    [InlineData("__reserved", "reserved")]
    [InlineData("weird key!", "weird_key")]
    [InlineData("ünicode", "nicode")]
    [InlineData("", "key")]
    public void LabelName_IsAValidPrometheusLabelName(string key, string expected)
        => Assert.Equal(expected, PrometheusNames.LabelName(key));
}
