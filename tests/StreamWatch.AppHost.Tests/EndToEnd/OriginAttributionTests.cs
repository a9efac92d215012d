using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StreamWatch.AppHost.Tests.Support;
using StreamWatch.Testing;
using StreamWatch.Testing.Processes;

namespace StreamWatch.AppHost.Tests.EndToEnd;

/// <summary>
/// The demo end to end with its origin sources: the AppHost starts everything, the Lab's origin of stream-2 is frozen
/// (which freezes every CDN behind it), and alerting attributes the staleness to the origin (one origin alert, the CDN
/// alerts inhibited), while the status page keeps showing only the CDNs as chips.
/// </summary>
public sealed class OriginAttributionTests
{
    [Fact]
    public async Task Frozen_origin_is_attributed_to_the_origin_and_the_page_shows_no_origin_chip()
    {
        Binaries.Require("redis-server", "redis-server");
        Binaries.Require("prometheus", "prometheus");
        var token = TestContext.Current.CancellationToken;
        var gatewayPort = FreePort.Next();
        var config = Path.Combine(Directory.CreateTempSubdirectory("streamwatch-e2e-").FullName, "streamwatch.yaml");
        await File.WriteAllTextAsync(config, "gateway:\n  apiKeys: [\"e2e-key\"]\n", token);

        await using var host = AppHostProcess.Start(
            ["--config", config, "--free-ports", "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--lab-mode", "synthetic"]);
        await host.WaitReadyAsync();
        var lab = new Uri(host.Resource("lab").Endpoints["http"].TrimEnd('/') + "/");
        var gateway = new Uri($"http://127.0.0.1:{gatewayPort}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        await WaitUntilAsync(async () => (await PageAsync(http, gateway)).Contains("data-cdn=\"cdn-a\"", StringComparison.Ordinal), "the page shows stream chips", TimeSpan.FromSeconds(120));
        using (var fault = await http.PostAsJsonAsync(new Uri(lab, "lab/faults"), new { cdn = "origin", stream = "stream-2", kind = "stale", duration = "90s" }, token))
        {
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync(token));
        }

        JsonElement origin = default;
        await WaitUntilAsync(
            async () =>
            {
                var alerts = await FiringAsync(http, gateway);
                origin = alerts.FirstOrDefault(a => a.GetProperty("stream").GetString() == "stream-2" && a.GetProperty("rule").GetString() == "ManifestStale"
                    && a.GetProperty("cdn").GetString() == string.Empty);
                return origin.ValueKind == JsonValueKind.Object;
            },
            "the origin-attributed ManifestStale alert of stream-2 fires",
            TimeSpan.FromSeconds(90));

        Assert.Equal("origin", origin.GetProperty("attribution").GetString());
        Assert.Equal("faulty", origin.GetProperty("originState").GetString());
        Assert.Equal("none", origin.GetProperty("suppression").GetString());
        Assert.StartsWith("The origin of stream-2 shows ManifestStale", origin.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Every CDN alert of that fault that fired is inhibited by it: the fault is paged once, as the origin's.
        foreach (var alert in (await FiringAsync(http, gateway)).Where(a => a.GetProperty("stream").GetString() == "stream-2" && a.GetProperty("cdn").GetString()!.Length > 0
            && a.GetProperty("rule").GetString() == "ManifestStale"))
        {
            Assert.Equal("inhibited", alert.GetProperty("suppression").GetString());
            Assert.Equal("origin", alert.GetProperty("attribution").GetString());
        }

        var page = await PageAsync(http, gateway);
        Assert.Contains("data-cdn=\"cdn-b\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-cdn=\"origin\"", page, StringComparison.Ordinal);
        using var cleared = await http.DeleteAsync(new Uri(lab, "lab/faults"), token);
    }

    private static async Task<List<JsonElement>> FiringAsync(HttpClient http, Uri gateway)
    {
        try
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(gateway, "api/v1/alerts?state=firing"), TestContext.Current.CancellationToken));
            return [.. document.RootElement.GetProperty("alerts").EnumerateArray().Select(static a => a.Clone())];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private static async Task<string> PageAsync(HttpClient http, Uri gateway)
    {
        try
        {
            return await http.GetStringAsync(gateway, TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {limit} waiting until {what}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
