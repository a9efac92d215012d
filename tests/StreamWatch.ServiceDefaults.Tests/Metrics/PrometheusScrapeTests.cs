using System.Globalization;
using System.Text.Json;
using StreamWatch.ServiceDefaults.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.ServiceDefaults.Tests.Metrics;

public sealed class PrometheusScrapeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RealPrometheus_ScrapingTheService_SeesOurCounterAndHistogram()
    {
        var binary = Binaries.Require("prometheus", "prometheus");
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ServiceDefaultsApp.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(new Uri("demo/cdn-a", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        }

        await using var prometheus = await StartPrometheusAsync(binary, app.Port, ct);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheus.Port.ToString(CultureInfo.InvariantCulture)}/") };

        Assert.Equal("1", await WaitForValueAsync(api, "up{job=\"streamwatch\"}", "1", ct));
        Assert.Equal("3", await WaitForValueAsync(api, "streamwatch_demo_requests_total{cdn=\"cdn-a\"}", "3", ct));
        Assert.Equal("0", await WaitForValueAsync(api, "streamwatch_demo_latency_seconds_bucket{cdn=\"cdn-a\",le=\"0.1\"}", "0", ct));
        Assert.Equal("3", await WaitForValueAsync(api, "streamwatch_demo_latency_seconds_bucket{cdn=\"cdn-a\",le=\"0.5\"}", "3", ct));
        Assert.Equal("3", await WaitForValueAsync(api, "streamwatch_demo_latency_seconds_count{cdn=\"cdn-a\"}", "3", ct));
        Assert.Equal("0.75", await WaitForValueAsync(api, "streamwatch_demo_latency_seconds_sum{cdn=\"cdn-a\"}", "0.75", ct));

        // The label value Prometheus stored is exactly the one recorded: escaping round-trips.
        Assert.Equal(ServiceDefaultsApp.TrickyLabelValue, await WaitForLabelAsync(api, "streamwatch_demo_escaped", "note", ct));

        // PromQL's histogram functions understand our buckets: every observation was 0.25 s.
        var median = double.Parse(
            await WaitForValueAsync(api, "histogram_quantile(0.5, streamwatch_demo_latency_seconds_bucket{cdn=\"cdn-a\"})", null, ct),
            CultureInfo.InvariantCulture);
        Assert.InRange(median, 0.1, 0.5);
    }

    private static async Task<PrometheusProcess> StartPrometheusAsync(string binary, int targetPort, CancellationToken ct)
    {
        var port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("streamwatch-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: streamwatch
                static_configs:
                  - targets: ["127.0.0.1:{targetPort.ToString(CultureInfo.InvariantCulture)}"]
            """, ct);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var process = await ExternalProcess.StartAsync(
            new ExternalProcessOptions
            {
                Name = "prometheus",
                FileName = binary,
                WorkingDirectory = directory,
                Arguments =
                [
                    $"--config.file={config}",
                    $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                    $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ],
                ReadyCheck = async token => (await probe.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/-/ready"), token)).IsSuccessStatusCode,
            },
            ct);
        return new PrometheusProcess(process, port, directory);
    }

    /// <summary>Polls an instant query until it returns <paramref name="expected"/> (or any value when null), up to 30 s.</summary>
    private static async Task<string> WaitForValueAsync(HttpClient api, string query, string? expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await api.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative), ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() > 0)
            {
                last = result[0].GetProperty("value")[1].GetString();
                if (expected is null || last == expected)
                {
                    return last!;
                }
            }

            await Task.Delay(250, ct);
        }

        Assert.Fail($"Prometheus never returned {expected ?? "a value"} for {query} within {Patience.TotalSeconds} s (last: {last ?? "no series"}).");
        return null!;
    }

    private static async Task<string> WaitForLabelAsync(HttpClient api, string query, string label, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await api.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative), ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() > 0)
            {
                return result[0].GetProperty("metric").GetProperty(label).GetString()!;
            }

            await Task.Delay(250, ct);
        }

        Assert.Fail($"Prometheus never returned a series for {query} within {Patience.TotalSeconds} s.");
        return null!;
    }

    private sealed class PrometheusProcess(ExternalProcess process, int port, string directory) : IAsyncDisposable
    {
        public int Port { get; } = port;

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
