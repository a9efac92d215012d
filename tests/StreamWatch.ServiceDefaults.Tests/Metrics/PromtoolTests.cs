using System.Diagnostics;
using StreamWatch.ServiceDefaults.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.ServiceDefaults.Tests.Metrics;

public sealed class PromtoolTests
{
    [Fact]
    public async Task Metrics_OfARealService_PassPromtoolCheckMetrics()
    {
        var promtool = Binaries.Require("promtool", "prometheus");
        await using var app = await ServiceDefaultsApp.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        // Traffic for ASP.NET Core, Kestrel, HttpClient and our own instruments, plus a 404.
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(new Uri($"demo/cdn-{i}", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        }

        _ = await client.GetAsync(new Uri("missing", UriKind.Relative), ct);
        (await client.GetAsync(new Uri("relay", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        var exposition = await client.GetStringAsync(new Uri("metrics", UriKind.Relative), ct);
        Assert.Contains("streamwatch_demo_requests_total", exposition, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", exposition, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds_bucket", exposition, StringComparison.Ordinal);

        var (exitCode, output) = await RunAsync(promtool, ["check", "metrics"], exposition, ct);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exited {exitCode}:\n{output}\n--- exposition ---\n{exposition}");
    }

    [Fact]
    public async Task EdgeCases_EscapesSpecialFloatsAndEmptyLabels_PassPromtoolCheckMetrics()
    {
        var promtool = Binaries.Require("promtool", "prometheus");
        using var meter = new System.Diagnostics.Metrics.Meter($"StreamWatch.Tests.{Guid.NewGuid():N}");
        using var collector = new StreamWatch.ServiceDefaults.Metrics.MetricsCollector(new() { Meters = [meter.Name] });
        var gauge = meter.CreateGauge<double>("edge.value", "s", "Help with a \\ backslash,\na newline and \"quotes\".");
        gauge.Record(double.PositiveInfinity, new KeyValuePair<string, object?>("case", "inf"));
        gauge.Record(double.NegativeInfinity, new KeyValuePair<string, object?>("case", "-inf"));
        gauge.Record(double.NaN, new KeyValuePair<string, object?>("case", "nan"));
        gauge.Record(1e-300, new KeyValuePair<string, object?>("case", ServiceDefaultsApp.TrickyLabelValue));
        gauge.Record(0, new KeyValuePair<string, object?>("case", null));
        meter.CreateHistogram<long>("edge.size", "By", "Sizes.").Record(long.MaxValue, new KeyValuePair<string, object?>("http.route", "/a/{id}"));
        meter.CreateCounter<decimal>("edge.money", "{USD}", "Money.").Add(0.1m);

        var exposition = ExpositionText.Render(collector);
        var (exitCode, output) = await RunAsync(promtool, ["check", "metrics"], exposition, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exited {exitCode}:\n{output}\n--- exposition ---\n{exposition}");
    }

    [Fact]
    public async Task Promtool_FlagsABrokenExposition_SoTheCheckAboveCanFail()
    {
        var promtool = Binaries.Require("promtool", "prometheus");

        var (exitCode, output) = await RunAsync(promtool, ["check", "metrics"], "# TYPE requests counter\nrequests 1\n", TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("_total", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string input, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
