using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Contracts.V1;
using StreamWatch.Lab;
using StreamWatch.Probe.Measurement;
using StreamWatch.Probe.Reporting;
using StreamWatch.ServiceDefaults;

namespace StreamWatch.Probe.Tests.Measurement;

/// <summary>
/// LL-HLS blocking playlist reload (RFC 8216bis 6.2.5.2) against the real Lab (<c>Lab:LowLatency</c>: 2 s segments of
/// four 0.5 s parts) and against a server that advertises blocking but does not block. These run on the real clock:
/// a held request waits on the Lab's clock, which the manual-clock rig (it waits for the probe to be idle) cannot drive.
/// </summary>
public sealed class BlockingReloadTests
{
    private const string Rendition = "720p";
    private static readonly TimeSpan TargetDuration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task LowLatencyPlaylist_IsReloadedByBlockingRequests_AtThePartCadence()
    {
        await using var lab = await StartLabAsync("--Lab:LowLatency=true");
        await using var probe = await StartProbeAsync(new Uri(lab.Address, $"cdn-a/stream-1/{Rendition}/index.m3u8"));

        var first = await probe.WaitForAsync(static t => t.Polls >= 2 && t.MediaSequence is not null, "two polls");
        var last = await probe.WaitForAsync(t => t.MediaSequence >= first.MediaSequence + 4 && t.UpdateIntervalSeconds is not null, "four segments more");

        // One reload per part (four per segment) rather than one per segment: each is answered when the next part exists.
        var perSegment = (double)(last.Polls - first.Polls) / (last.MediaSequence!.Value - first.MediaSequence!.Value);
        Assert.InRange(perSegment, 2.5, 8);
        Assert.InRange(last.UpdateIntervalSeconds!.Value, 1.5, 2.5);

        // The holds are in their own histogram, not in manifest latency; no blocking reload fell back.
        var metrics = await probe.MetricsAsync();
        Assert.True(Count(metrics, "streamwatch_probe_blocking_reload_seconds_count") > Count(metrics, "streamwatch_probe_manifest_fetch_seconds_count"), metrics);
        Assert.DoesNotContain("streamwatch_probe_blocking_fallbacks_total{", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(probe.Polls(), static p => p.Stale);
    }

    [Fact]
    public async Task BlockingSwitchedOff_PacesReloadsBySegment()
    {
        await using var lab = await StartLabAsync("--Lab:LowLatency=true");
        await using var probe = await StartProbeAsync(new Uri(lab.Address, $"cdn-a/stream-1/{Rendition}/index.m3u8"), "--Probe:BlockingReload=false");

        var first = await probe.WaitForAsync(static t => t.Polls >= 2 && t.MediaSequence is not null, "two polls");
        var last = await probe.WaitForAsync(t => t.MediaSequence >= first.MediaSequence + 4, "four segments more");

        var perSegment = (double)(last.Polls - first.Polls) / (last.MediaSequence!.Value - first.MediaSequence!.Value);
        Assert.InRange(perSegment, 0.5, 2);
        var metrics = await probe.MetricsAsync();
        Assert.Equal(0, Count(metrics, "streamwatch_probe_blocking_reload_seconds_count"));
    }

    [Fact]
    public async Task FrozenLowLatencyPlaylist_IsStaleAtTheDeadline_WithoutWaitingForTheHeldRequest()
    {
        await using var lab = await StartLabAsync("--Lab:LowLatency=true");
        await using var probe = await StartProbeAsync(new Uri(lab.Address, $"cdn-a/stream-1/{Rendition}/index.m3u8"));
        await probe.WaitForAsync(static t => t.Polls >= 8, "eight polls");

        var activeFrom = await InjectAsync(lab.Client, new { cdn = "cdn-a", stream = "stream-1", rendition = Rendition, kind = "stale" });

        // The Lab's segment grid starts at its epoch (2020-01-01, whole 2 s steps): the last change is the boundary at or
        // before the freeze. A blocking request sent after it is held up to 3 target durations (then 503): a verdict that
        // waited for it would come at least 3 TD after the change.
        var epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var lastChange = epoch + TimeSpan.FromTicks((activeFrom - epoch).Ticks / TargetDuration.Ticks * TargetDuration.Ticks);
        await probe.WaitForAsync(static t => t.Stale, "a stale verdict");
        var verdict = probe.Reports().First(static r => r.Manifest is { Stale: true });
        var latency = verdict.ObservedAt.ToDateTimeOffset() - lastChange;
        Assert.InRange(latency, TargetDuration * 1.5, (TargetDuration * 1.5) + TimeSpan.FromSeconds(1.5));
        Assert.Equal("main", verdict.Manifest.Ref.RenditionId); // a media playlist source is one rendition, "main"
    }

    [Theory]
    [InlineData("same", "no_progress")]
    [InlineData("503", "http_error")]
    [InlineData("500", "http_error")]
    public async Task ServerAdvertisingBlockingWithoutBlocking_FallsBackToNormalPacing(string answer, string reason)
    {
        var token = TestContext.Current.CancellationToken;
        var requests = 0;
        var blocking = 0;
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        await using var server = builder.Build();
        server.MapGet("/live.m3u8", (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            if (context.Request.Query.ContainsKey("_HLS_msn"))
            {
                Interlocked.Increment(ref blocking);
                if (answer != "same")
                {
                    return Results.StatusCode(int.Parse(answer, CultureInfo.InvariantCulture));
                }
            }

            // Always the same playlist, answered at once: it claims CAN-BLOCK-RELOAD but never holds.
            return Results.Text(
                "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:2\n#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.5\n"
                + "#EXT-X-PART-INF:PART-TARGET=0.5\n#EXT-X-MEDIA-SEQUENCE:10\n#EXTINF:2.0,\nseg-10.ts\n#EXTINF:2.0,\nseg-11.ts\n"
                + "#EXT-X-PART:DURATION=0.5,URI=\"seg-12.0.ts\",INDEPENDENT=YES\n",
                "application/vnd.apple.mpegurl");
        });
        await server.StartAsync(token);
        await using var probe = await StartProbeAsync(new Uri(ProbeRig.AddressOf(server), "live.m3u8"));

        // Six reports at normal pacing take seconds; a tight loop would send hundreds of blocking requests meanwhile.
        await probe.WaitForAsync(static t => t.Polls >= 6, "six polls");
        var metrics = await probe.MetricsAsync();
        Assert.Contains($"reason=\"{reason}\"", metrics, StringComparison.Ordinal);
        Assert.InRange(Volatile.Read(ref blocking), 1, 2);
        Assert.InRange(Volatile.Read(ref requests), 6, 12);
    }

    private static double Count(string metrics, string name)
    {
        var sum = 0.0;
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    private static async Task<DateTimeOffset> InjectAsync(HttpClient lab, object fault)
    {
        var token = TestContext.Current.CancellationToken;
        using var response = await lab.PostAsJsonAsync("lab/faults", fault, token);
        var body = await response.Content.ReadAsStringAsync(token);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("activeFrom").GetDateTimeOffset();
    }

    internal static async Task<LabHost> StartLabAsync(params string[] settings)
    {
        var (app, address) = await ProbeRig.StartLabAsync(null, settings);
        return new LabHost(app, address);
    }

    internal static async Task<ProbeHost> StartProbeAsync(Uri source, params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Streams:0:Id=stream-1",
            "--Streams:0:Sources:0:Cdn=cdn-a",
            $"--Streams:0:Sources:0:Url={source}",
            "--Probe:Segments=none",
            .. settings,
        ];
        var app = ProbeRig.BuildProbe(TimeProvider.System, args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ProbeHost(app, ProbeRig.AddressOf(app));
    }

    internal sealed class LabHost(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public HttpClient Client { get; } = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    internal sealed class ProbeHost(WebApplication app, Uri address) : IAsyncDisposable
    {
        private readonly List<ProbeReport> _reports = [];
        private readonly HttpClient _client = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        public IReadOnlyList<ProbeReport> Reports()
        {
            var reader = app.Services.GetRequiredService<IProbeReportSink>().Reader;
            while (reader.TryRead(out var report))
            {
                _reports.Add(report);
            }

            return _reports;
        }

        public IEnumerable<ManifestPoll> Polls() => Reports().Where(static r => r.Manifest is not null).Select(static r => r.Manifest);

        public Task<string> MetricsAsync() => _client.GetStringAsync("metrics", TestContext.Current.CancellationToken);

        /// <summary>Waits (60 s hang guard) until the only rendition's API state satisfies <paramref name="condition"/>.</summary>
        public async Task<TargetStatus> WaitForAsync(Func<TargetStatus, bool> condition, string what)
        {
            var token = TestContext.Current.CancellationToken;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                var targets = (await _client.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", token))!;
                if (targets.Count == 1 && condition(targets[0]))
                {
                    return targets[0];
                }

                Assert.True(DateTime.UtcNow < deadline, $"no {what} within 60 s: " + string.Join("; ", targets.Select(static t => $"{t.Rendition} polls {t.Polls} seq {t.MediaSequence} stale {t.Stale}")));
                await Task.Delay(50, token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
