using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Lab;
using StreamWatch.Probe.Measurement;
using StreamWatch.ServiceDefaults;

namespace StreamWatch.Probe.Tests.Hostile;

/// <summary>
/// The probe against servers that misbehave on purpose, on the real clock and real sockets, while it also watches a
/// healthy Lab rendition: each misbehaviour ends as a classified error with bounded time and memory, and the healthy
/// rendition keeps being polled throughout.
/// </summary>
public sealed class HostileServerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task EveryHostileServer_IsClassifiedAsAnErrorKind_WhileTheHealthyStreamKeepsBeingPolled()
    {
        var token = TestContext.Current.CancellationToken;
        await using var hostile = new HostileServer();
        var (lab, labAddress) = await ProbeRig.StartLabAsync(null, "--cdns", "1");
        await using var labHost = lab;
        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Probe:RequestTimeout=00:00:03",
            "--Streams:0:Id=healthy",
            "--Streams:0:Sources:0:Cdn=lab",
            $"--Streams:0:Sources:0:Url={labAddress}cdn-a/stream-1/720p/index.m3u8",
        ];
        var i = 1;
        foreach (var scenario in HostileServer.Scenarios.Keys)
        {
            args.Add($"--Streams:{i}:Id={scenario}");
            args.Add($"--Streams:{i}:Sources:0:Cdn=hostile");
            args.Add($"--Streams:{i}:Sources:0:Url={hostile.Address}{scenario}/master.m3u8");
            i++;
        }

        await using var probe = ProbeRig.BuildProbe(TimeProvider.System, [.. args]);
        await probe.StartAsync(token);
        using var client = new HttpClient { BaseAddress = ProbeRig.AddressOf(probe), Timeout = TimeSpan.FromSeconds(30) };

        // Every hostile rendition's last poll carries its kind.
        var started = DateTime.UtcNow;
        var deadline = DateTime.UtcNow + HangGuard;
        List<TargetStatus> targets;
        while (true)
        {
            targets = (await client.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", token))!;
            var pending = HostileServer.Scenarios.Where(s => !targets.Any(t => t.Stream == s.Key && t.ErrorKind == s.Value)).Select(s => s.Key).ToList();
            if (!targets.Any(t => t.Stream == "healthy" && t.Polls > 0))
            {
                pending.Add("healthy");
            }

            if (pending.Count == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not classified within {HangGuard.TotalSeconds} s: {string.Join(", ", pending.Select(p => $"{p} (last: {targets.FirstOrDefault(t => t.Stream == p)?.ErrorKind ?? "no poll"})"))}");
            await Task.Delay(250, token);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"all {HostileServer.Scenarios.Count} hostile servers classified {(DateTime.UtcNow - started).TotalSeconds:0.0} s after start; written before hang-up: huge {hostile.Written("huge") / 1024} KiB, endless {hostile.Written("endless") / 1024} KiB, bomb {hostile.Written("gzip-bomb") / 1024} KiB");
        foreach (var (scenario, kind) in HostileServer.Scenarios)
        {
            var target = Assert.Single(targets, t => t.Stream == scenario);
            Assert.Equal(kind, target.ErrorKind);
            Assert.NotEqual("ok", target.Outcome);
        }

        // Counted by kind on /metrics.
        var metrics = await client.GetStringAsync("metrics", token);
        foreach (var kind in HostileServer.Scenarios.Values.Distinct())
        {
            Assert.True(ErrorCount(metrics, kind) > 0, $"streamwatch_probe_errors_total{{kind=\"{kind}\"}} missing");
        }

        // Bounded memory: the 100 MB playlist was refused from its Content-Length and the endless body cut at the 4 MiB
        // limit; what the servers got into the socket before the probe hung up is those bytes plus kernel buffers.
        Assert.InRange(hostile.Written("huge"), 0, 32L * 1024 * 1024);
        Assert.InRange(hostile.Written("endless"), 0, 32L * 1024 * 1024);

        // The healthy rendition was polled all along and still is, while the slow and silent servers hold connections.
        var healthy = Assert.Single(targets, t => t.Stream == "healthy");
        var before = healthy.Polls;
        deadline = DateTime.UtcNow + HangGuard;
        TargetStatus now;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the healthy rendition stopped being polled");
            await Task.Delay(250, token);
            now = (await client.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", token))!.Single(t => t.Stream == "healthy");
        }
        while (now.Polls < before + 3 || now.Outcome != "ok");

        Assert.Equal("ok", now.Outcome);
        Assert.Null(now.ErrorKind);
        Assert.False(now.Stale);

        // Timings by phase: the hostile server closes every connection, so each poll connects; the Lab keeps its
        // connection alive, so its polls reuse it and show zero connect time.
        Assert.All(targets.Where(t => t.Stream != "healthy" && t.Stream != "silent"), t => Assert.True(t.LastFetch is { NewConnection: true, ConnectSeconds: > 0 }, $"{t.Stream}: {t.LastFetch}"));
        Assert.True(now.LastFetch is { NewConnection: false, ConnectSeconds: 0, TlsSeconds: 0, FirstByteSeconds: > 0 }, $"healthy: {now.LastFetch}");
        metrics = await client.GetStringAsync("metrics", token);
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("streamwatch_probe_connect_seconds_count{", StringComparison.Ordinal));
        await probe.StopAsync(token);
    }

    private static double ErrorCount(string metrics, string kind)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith("streamwatch_probe_errors_total{", StringComparison.Ordinal) && line.Contains($"kind=\"{kind}\"", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
