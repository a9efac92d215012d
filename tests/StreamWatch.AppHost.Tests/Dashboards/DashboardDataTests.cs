using System.Globalization;
using System.Text.Json;
using StreamWatch.AppHost.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.AppHost.Tests.Dashboards;

/// <summary>
/// Every dashboard and rule expression evaluated by the real Prometheus the AppHost starts, scraping the
/// running system through the gateway: every expression except those that need a fault (a drill, a
/// webhook delivery, a dropped report) must return data. Expressions without data are listed in the
/// test output either way.
/// </summary>
public sealed class DashboardDataTests
{
    /// <summary>Expressions with data only while something is wrong: a Lab fault, firing alerts, webhook deliveries.</summary>
    private static readonly string[] NeedsAFault =
    [
        "ALERTS", "streamwatch_webhook_", "streamwatch:webhook_", "result!=\"ok\"", "result!=\"success\"",
        "streamwatch_alerts_firing) > 0", "streamwatch_probe_errors_total", "streamwatch_probe_reports_dropped_total",
        "streamwatch_http_client_",
    ];

    [Fact]
    public async Task Dashboard_expressions_return_data_from_the_Prometheus_the_AppHost_starts()
    {
        Binaries.Require("redis-server", "redis-server");
        Binaries.Require("prometheus", "prometheus");
        var gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var host = AppHostProcess.Start(["--free-ports", "--gateway-port", gatewayPort, "--lab-mode", "synthetic"]);
        await host.WaitReadyAsync();
        var prometheus = new Uri(host.Resource("prometheus").Endpoints["http"]);
        using var http = new HttpClient { BaseAddress = prometheus };

        // The AppHost's copy of prometheus.yml targets the gateway's real port; wait for a few scrapes so rates exist.
        await WaitUntilAsync(async () => await ScalarAsync(http, "sum(count_over_time(up{job=\"streamwatch\"}[5m]))") >= 3, "Prometheus scraped the gateway three times");
        Assert.Equal(1, await ScalarAsync(http, $"up{{job=\"streamwatch\", instance=\"127.0.0.1:{gatewayPort}\"}}"));
        await Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // recording rules and 1 m rates fill in

        var missing = new List<string>();
        var required = new List<string>();
        foreach (var (where, expr) in DashboardFiles.Expressions())
        {
            var query = DashboardFiles.Substitute(expr);
            using var result = await QueryAsync(http, query);
            Assert.Equal("success", result.RootElement.GetProperty("status").GetString());
            if (result.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0)
            {
                continue;
            }

            missing.Add($"{where}: {query.ReplaceLineEndings(" ")}");
            // Alert rule expressions return series only while the alert fires.
            var needsFault = where.StartsWith("rules.yml groups:1:", StringComparison.Ordinal) || NeedsAFault.Any(n => query.Contains(n, StringComparison.Ordinal));
            if (!needsFault)
            {
                required.Add($"{where}: {query}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Expressions without data ({missing.Count}):\n{string.Join('\n', missing)}");
        Assert.Empty(required);
    }

    private static async Task<JsonDocument> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<double> ScalarAsync(HttpClient http, string query)
    {
        using var document = await QueryAsync(http, query);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? double.NaN
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
