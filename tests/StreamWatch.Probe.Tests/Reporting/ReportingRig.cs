using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe.Reporting;

namespace StreamWatch.Probe.Tests.Reporting;

/// <summary>The real probe host (no streams), its reports written by the test straight into the sink.</summary>
internal sealed class ReportingRig : IAsyncDisposable
{
    private readonly WebApplication _probe;
    private long _written;

    private ReportingRig(WebApplication probe)
    {
        _probe = probe;
        var address = probe.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public ReportPublisher Publisher => _probe.Services.GetRequiredService<ReportPublisher>();

    public static async Task<ReportingRig> StartAsync(params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Probe:Id=probe-test",
            "--Probe:Reporting:ReconnectDelay=00:00:00.050",
            "--Probe:Reporting:MaxReconnectDelay=00:00:00.200",
            .. settings,
        ];
        var probe = ProbeRig.BuildProbe(TimeProvider.System, args);
        await probe.StartAsync(TestContext.Current.CancellationToken);
        return new ReportingRig(probe);
    }

    /// <summary>Writes <paramref name="count"/> reports numbered by the test (media sequence 1, 2, … across calls).</summary>
    public void Write(int count)
    {
        var sink = _probe.Services.GetRequiredService<IProbeReportSink>();
        for (var i = 0; i < count; i++)
        {
            var n = ++_written;
            sink.Write(new ProbeReport
            {
                ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(n)),
                Manifest = new ManifestPoll
                {
                    Ref = new StreamRef { StreamId = "stream-1", Cdn = "cdn-a", RenditionId = "720p" },
                    Fetch = new FetchResult { Outcome = FetchOutcome.Ok, HttpStatus = 200 },
                    MediaSequence = n,
                },
            });
        }
    }

    /// <summary>One sample of the probe's own <c>/metrics</c> (0 when absent).</summary>
    public async Task<double> MetricAsync(string series)
    {
        var text = await Http.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(series.Length + 1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>A hang guard (30 s of real time), not a timing bound.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _probe.StopAsync(CancellationToken.None);
        await _probe.DisposeAsync();
    }
}
