using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Gateway.Tests.Infrastructure;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.Metrics;

public sealed class MetricsFeedTests
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A service exposing a histogram every service has and a metric of its own.</summary>
    internal static Task<Upstream> ServiceAsync(string name) => Upstream.StartAsync(app => app.MapGet("/metrics", () => Results.Text(
        $"""
        # HELP http_server_request_duration_seconds Duration of HTTP server requests.
        # TYPE http_server_request_duration_seconds histogram
        http_server_request_duration_seconds_bucket{"{"}http_route="/x",le="0.1"{"}"} 1
        http_server_request_duration_seconds_bucket{"{"}http_route="/x",le="+Inf"{"}"} 2
        http_server_request_duration_seconds_sum{"{"}http_route="/x"{"}"} 0.3
        http_server_request_duration_seconds_count{"{"}http_route="/x"{"}"} 2
        # HELP streamwatch_{name}_things_total Things {name} did.
        # TYPE streamwatch_{name}_things_total counter
        streamwatch_{name}_things_total{"{"}kind="a"{"}"} 42

        """,
        ContentType)));

    [Fact]
    public async Task Merged_feed_labels_every_service_and_passes_promtool()
    {
        var promtool = Binaries.Require("promtool", "prometheus");
        await using var alerting = await ServiceAsync("alerting");
        await using var probe = await ServiceAsync("probe");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(alerting.Address)
            .With("services:alerting:http:0", alerting.Address)
            .With("services:probe:http:0", probe.Address)
            .With("services:lab:http:0", Settings.Nowhere()));
        await gateway.Client.GetAsync("api/v1/x", Token); // gives the gateway's own HTTP metrics a sample

        using var response = await gateway.Client.GetAsync("metrics", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Contains("streamwatch_alerting_things_total{service=\"alerting\",kind=\"a\"} 42\n", text, StringComparison.Ordinal);
        Assert.Contains("streamwatch_probe_things_total{service=\"probe\",kind=\"a\"} 42\n", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_count{service=\"probe\",http_route=\"/x\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("{service=\"gateway\"", text, StringComparison.Ordinal);
        Assert.Contains("streamwatch_gateway_upstream_up{service=\"alerting\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("streamwatch_gateway_upstream_up{service=\"lab\"} 0\n", text, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(text, "# TYPE http_server_request_duration_seconds histogram\n"));

        var check = await RunAsync(promtool, ["check", "metrics"], text);
        Assert.True(check.ExitCode == 0, $"promtool check metrics failed:\n{check.Output}");
    }

    [Fact]
    public async Task Concurrent_scrapes_share_one_fan_out_and_the_result_is_cached()
    {
        await using var alerting = await ServiceAsync("alerting");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(alerting.Address)
            .With("services:alerting:http:0", alerting.Address)
            .With("Gateway:Metrics:CacheDuration", "00:10:00"));

        var scrapes = Enumerable.Range(0, 20).Select(_ => gateway.Client.GetStringAsync("metrics", Token));
        var bodies = await Task.WhenAll(scrapes);

        Assert.All(bodies, body => Assert.Contains("streamwatch_alerting_things_total", body, StringComparison.Ordinal));
        Assert.Equal(1, alerting.HitsOf("/metrics"));
    }

    [Fact]
    public async Task A_new_fan_out_follows_once_the_cache_has_expired()
    {
        await using var alerting = await ServiceAsync("alerting");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(alerting.Address)
            .With("services:alerting:http:0", alerting.Address)
            .With("Gateway:Metrics:CacheDuration", "00:00:00.050"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (alerting.HitsOf("/metrics") < 2)
        {
            await gateway.Client.GetStringAsync("metrics", timeout.Token);
            await Task.Delay(100, timeout.Token);
        }

        Assert.True(alerting.HitsOf("/metrics") >= 2);
    }

    [Fact]
    public async Task One_service_passes_through_unchanged_and_unknown_ones_get_404()
    {
        await using var probe = await ServiceAsync("probe");
        await using var gateway = await GatewayHost.StartAsync(Settings.Proxy(Settings.Nowhere()).With("services:probe:http:0", probe.Address));

        var passed = await gateway.Client.GetStringAsync("metrics/probe", Token);
        Assert.Contains("streamwatch_probe_things_total{kind=\"a\"} 42", passed, StringComparison.Ordinal);
        Assert.DoesNotContain("service=", passed, StringComparison.Ordinal);

        using var own = await gateway.Client.GetAsync("metrics/gateway", Token);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        using var unknown = await gateway.Client.GetAsync("metrics/nope", Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string stdin)
    {
        using var process = new System.Diagnostics.Process
        {
            StartInfo = new System.Diagnostics.ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        foreach (var argument in arguments)
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        var output = await stdout + await stderr;
        return (process.ExitCode, output);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
