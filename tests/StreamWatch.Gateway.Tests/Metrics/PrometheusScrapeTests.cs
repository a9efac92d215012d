using System.Globalization;
using System.Text.Json;
using StreamWatch.Gateway.Tests.Infrastructure;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.Metrics;

public sealed class PrometheusScrapeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_real_prometheus_scraping_only_the_gateway_sees_every_service_by_label()
    {
        var binary = Binaries.Require("prometheus", "prometheus");
        await using var alerting = await MetricsFeedTests.ServiceAsync("alerting");
        await using var probe = await MetricsFeedTests.ServiceAsync("probe");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(alerting.Address)
            .With("services:alerting:http:0", alerting.Address)
            .With("services:probe:http:0", probe.Address));

        var data = Directory.CreateTempSubdirectory("streamwatch-prometheus-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(data, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: streamwatch
                static_configs:
                  - targets: ["{gateway.Address.Authority}"]
            """, Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        await using var prometheus = await ExternalProcess.StartAsync(
            new ExternalProcessOptions
            {
                Name = "prometheus",
                FileName = binary,
                WorkingDirectory = data,
                Arguments =
                [
                    $"--config.file={config}",
                    $"--storage.tsdb.path={Path.Combine(data, "tsdb")}",
                    $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ],
                ReadyCheck = async token => (await http.GetAsync(new Uri("-/ready", UriKind.Relative), token)).IsSuccessStatusCode,
            },
            Token);

        try
        {
            var services = await WaitForServicesAsync(http, "streamwatch_alerting_things_total or streamwatch_probe_things_total or streamwatch_gateway_upstream_up");
            Assert.Contains("alerting", services);
            Assert.Contains("probe", services);

            var histogram = await WaitForServicesAsync(http, "http_server_request_duration_seconds_count");
            Assert.Contains("alerting", histogram);
            Assert.Contains("probe", histogram);
        }
        finally
        {
            await prometheus.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    // Polls the query API until the result names both services, and returns the service label values seen.
    private static async Task<HashSet<string>> WaitForServicesAsync(HttpClient http, string query)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!(seen.Contains("alerting") && seen.Contains("probe")))
        {
            await Task.Delay(500, timeout.Token);
            var json = await http.GetStringAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative), timeout.Token);
            using var document = JsonDocument.Parse(json);
            foreach (var series in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var metric = series.GetProperty("metric");
                var name = metric.GetProperty("__name__").GetString();
                if (metric.TryGetProperty("service", out var service) && (name != "streamwatch_gateway_upstream_up" || series.GetProperty("value")[1].GetString() == "1"))
                {
                    seen.Add(service.GetString()!);
                }
            }
        }

        return seen;
    }
}
