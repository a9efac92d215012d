using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Contracts.V1;
using StreamWatch.Lab;
using StreamWatch.Probe.Apis;
using StreamWatch.Probe.Reporting;
using StreamWatch.Probe.Scheduling;
using StreamWatch.ServiceDefaults;
using StreamWatch.Testing.Time;

namespace StreamWatch.Probe.Tests;

/// <summary>
/// The real Lab (1 stream, cdn-a and cdn-b) and the real probe, both in-process on loopback sockets and on ONE manual
/// clock. <see cref="AdvanceAsync"/> moves the clock from one due time to the next and, after each, waits (in real time)
/// until every poll that fell due has finished, so each poll runs exactly at the clock time it was due.
/// </summary>
internal sealed class ProbeRig : IAsyncDisposable
{
    /// <summary>A quiet instant on the Lab's 2 s grid (segment boundaries fall on even seconds).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 20, 0, 0, 500, TimeSpan.Zero);

    /// <summary>The Lab's target duration.</summary>
    public static readonly TimeSpan TargetDuration = TimeSpan.FromSeconds(2);

    private readonly WebApplication _lab;
    private readonly WebApplication _probe;
    private readonly List<ProbeReport> _reports = [];

    private ProbeRig(ManualTimeProvider clock, WebApplication lab, Uri labAddress, WebApplication probe, Uri probeAddress)
    {
        Clock = clock;
        _lab = lab;
        _probe = probe;
        Lab = new HttpClient { BaseAddress = labAddress, Timeout = TimeSpan.FromSeconds(30) };
        Probe = new HttpClient { BaseAddress = probeAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ManualTimeProvider Clock { get; }

    public HttpClient Lab { get; }

    public HttpClient Probe { get; }

    /// <summary>Every report the probe has written so far, oldest first.</summary>
    public IReadOnlyList<ProbeReport> Reports
    {
        get
        {
            var reader = _probe.Services.GetRequiredService<IProbeReportSink>().Reader;
            while (reader.TryRead(out var report))
            {
                _reports.Add(report);
            }

            return _reports;
        }
    }

    public IEnumerable<ManifestPoll> Polls(string cdn, string rendition)
        => Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == cdn && m.Ref.RenditionId == rendition).Select(r => r.Manifest);

    public static Task<ProbeRig> StartAsync(params string[] probeSettings) => StartWatchingAsync("master.m3u8", probeSettings);

    /// <summary>Starts both; the probe watches <c>/{cdn}/stream-1/{sourceDocument}</c> on cdn-a and cdn-b.</summary>
    public static Task<ProbeRig> StartWatchingAsync(string sourceDocument, params string[] probeSettings)
        => StartWithLabAsync(sourceDocument, [], probeSettings);

    /// <summary>As <see cref="StartWatchingAsync"/>, with extra Lab settings (e.g. <c>--Lab:SegmentDuration=00:00:06</c>).</summary>
    public static async Task<ProbeRig> StartWithLabAsync(string sourceDocument, string[] labSettings, string[] probeSettings)
    {
        var clock = new ManualTimeProvider(Start);
        var (lab, labAddress) = await StartLabAsync(clock, labSettings);
        try
        {
            string[] args =
            [
                "--urls", "http://127.0.0.1:0",
                "--Streams:0:Id=stream-1",
                "--Streams:0:Sources:0:Cdn=cdn-a",
                $"--Streams:0:Sources:0:Url={labAddress}cdn-a/stream-1/{sourceDocument}",
                "--Streams:0:Sources:1:Cdn=cdn-b",
                $"--Streams:0:Sources:1:Url={labAddress}cdn-b/stream-1/{sourceDocument}",
                // "{lab}" in a setting is the Lab's address (e.g. the origin: --Streams:0:Origin={lab}origin/stream-1/master.m3u8).
                .. probeSettings.Select(setting => setting.Replace("{lab}", labAddress.ToString(), StringComparison.Ordinal)),
            ];
            var probe = BuildProbe(clock, args);
            await probe.StartAsync(TestContext.Current.CancellationToken);
            var rig = new ProbeRig(clock, lab, labAddress, probe, AddressOf(probe));
            await rig.SettleAsync();
            return rig;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>The probe host, built but not started (start-up validation runs on start).</summary>
    public static WebApplication BuildProbe(TimeProvider clock, string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddProbe();
        builder.Services.AddSingleton(clock);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapTargetsApi();
        return app;
    }

    /// <summary>Moves the shared clock forward by <paramref name="duration"/>, stopping at every due time on the way.</summary>
    public async Task AdvanceAsync(TimeSpan duration)
    {
        var loops = _probe.Services.GetRequiredService<LoopTracker>();
        var end = Clock.GetUtcNow() + duration;
        while (Clock.GetUtcNow() < end)
        {
            var next = loops.NextDue is { } due && due < end ? due : end;
            Clock.Advance(next - Clock.GetUtcNow());
            await SettleAsync();
        }
    }

    /// <summary>Posts a Lab fault and returns its id.</summary>
    public async Task<string> InjectAsync(object fault)
    {
        using var response = await Lab.PostAsJsonAsync("lab/faults", fault, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public async Task ClearAsync(string faultId)
    {
        using var response = await Lab.DeleteAsync($"lab/faults/{faultId}", TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"DELETE fault {faultId}: {(int)response.StatusCode}");
    }

    public async ValueTask DisposeAsync()
    {
        Lab.Dispose();
        Probe.Dispose();
        await _probe.StopAsync(CancellationToken.None);
        await _probe.DisposeAsync();
        await _lab.StopAsync(CancellationToken.None);
        await _lab.DisposeAsync();
    }

    /// <summary>Waits in real time until every loop waits for a future clock time: nothing is due, nothing in flight.</summary>
    private async Task SettleAsync()
    {
        var loops = _probe.Services.GetRequiredService<LoopTracker>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!loops.IsIdle)
        {
            Assert.True(DateTime.UtcNow < deadline, "the probe did not settle within 20 s of real time");
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Starts the Lab in-process on a free loopback port: one stream on two CDNs unless <paramref name="labSettings"/>
    /// say otherwise (later arguments win), on <paramref name="clock"/> (null: the real clock).
    /// </summary>
    internal static async Task<(WebApplication App, Uri Address)> StartLabAsync(TimeProvider? clock, params string[] labSettings)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--streams", "1", "--cdns", "2", .. labSettings];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddLab(args);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapLab();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return (app, AddressOf(app));
    }

    /// <summary>The first address a started app listens on, with a trailing slash.</summary>
    internal static Uri AddressOf(WebApplication app)
        => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
}
