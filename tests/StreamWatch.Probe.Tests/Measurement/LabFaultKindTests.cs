using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Contracts.V1;
using StreamWatch.Lab;
using StreamWatch.Probe.Measurement;
using StreamWatch.ServiceDefaults;

namespace StreamWatch.Probe.Tests.Measurement;

/// <summary>
/// The Lab's content faults that ManifestPollerTests, StaleDeadlineTests, DashPollTests and RediscoveryTests do
/// not already cover, each against the real Lab on the manual clock: the faulted CDN shows the right finding or
/// measurement within a reload or two, the other CDN shows nothing.
/// </summary>
public sealed class LabFaultKindTests
{
    private const string Rendition = "720p";

    [Theory]
    [InlineData("sequence-regression")]
    [InlineData("sequence-reset")]
    public async Task SequenceFaults_YieldALiveContinuityErrorOnTheFaultedCdnOnly(string kind)
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);
        var before = rig.Polls("cdn-a", Rendition).Count();

        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = Rendition, kind });
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);

        var after = rig.Polls("cdn-a", Rendition).Skip(before).ToList();
        Assert.Contains(after, poll => poll.Findings.Any(IsLiveError));
        Assert.DoesNotContain(rig.Polls("cdn-b", Rendition), poll => poll.Findings.Any(IsLiveError));
    }

    [Fact]
    public async Task TruncatedPlaylist_IsReportedAsAShrunkPlaylist_OnTheFaultedCdnOnly()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);
        var before = rig.Polls("cdn-a", Rendition).Count();

        // Cut mid-line in the middle: what is left still parses (a URI cut short is still a URI), so the
        // evidence is between polls: segments the previous poll listed are gone from the end (RFC 8216bis 6.2.1).
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = Rendition, kind = "truncate" });
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);

        var after = rig.Polls("cdn-a", Rendition).Skip(before).ToList();
        Assert.True(
            after.Exists(static poll => poll.Fetch.Outcome != FetchOutcome.Ok || poll.Findings.Any(static f => f.Severity == Severity.Error)),
            "a playlist cut mid-line passed as healthy: " + string.Join("; ", after.Select(static p => $"{p.Fetch.Outcome} [{string.Join(", ", p.Findings.Select(static f => f.Code))}]")));
        Assert.DoesNotContain(rig.Polls("cdn-b", Rendition), static poll => poll.Fetch.Outcome != FetchOutcome.Ok || poll.Findings.Any(static f => f.Severity == Severity.Error));
    }

    [Fact]
    public async Task ClockSkewedProgramDateTime_ShowsInLiveEdgeLatencyOfThatCdn()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "clock-skew", offset = "-30s" });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        // PROGRAM-DATE-TIME 30 s in the past: the newest segment looks 30 s older than cdn-b's; the HTTP Date header
        // is not skewed, so the probe does not mistake it for its own clock being off.
        var skewed = rig.Polls("cdn-a", Rendition).Last().LiveEdgeLatency.ToTimeSpan();
        var normal = rig.Polls("cdn-b", Rendition).Last().LiveEdgeLatency.ToTimeSpan();
        Assert.InRange(skewed - normal, TimeSpan.FromSeconds(30) - ProbeRig.TargetDuration, TimeSpan.FromSeconds(30) + ProbeRig.TargetDuration);
    }

    [Fact]
    public async Task HealthyPlaylist_UpdatesOncePerSegmentDuration_WithNoUpdateJitter()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 10);

        var last = rig.Polls("cdn-a", Rendition).Last(static p => p.UpdateInterval is not null);
        Assert.InRange(last.UpdateInterval.ToTimeSpan(), ProbeRig.TargetDuration - TimeSpan.FromMilliseconds(250), ProbeRig.TargetDuration + TimeSpan.FromMilliseconds(250));
        Assert.InRange(last.UpdateJitter.ToTimeSpan(), TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        var metrics = await rig.Probe.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        Assert.Contains("streamwatch_probe_update_jitter_seconds{", metrics, StringComparison.Ordinal);
    }

    /// <summary>
    /// Delivery faults delay responses on the Lab's clock, so they run on the real clock (the manual-clock rig
    /// waits for the probe to be idle, which it never is while a response is held back).
    /// </summary>
    [Theory]
    [InlineData("slow")]
    [InlineData("jitter")]
    public async Task DelayedManifests_ShowInTheFetchTimeOfTheFaultedCdnOnly(string kind)
    {
        var token = TestContext.Current.CancellationToken;
        var (lab, labAddress) = await ProbeRig.StartLabAsync(null);
        await using var labHost = lab;
        using var labClient = new HttpClient { BaseAddress = labAddress, Timeout = TimeSpan.FromSeconds(30) };
        object fault = kind == "slow"
            ? new { cdn = "cdn-a", stream = "stream-1", rendition = Rendition, kind, delay = "800ms", target = "manifest" }
            : new { cdn = "cdn-a", stream = "stream-1", rendition = Rendition, kind, min = "300ms", max = "900ms", seed = 5, target = "manifest" };
        using (var injected = await labClient.PostAsJsonAsync("lab/faults", fault, token))
        {
            Assert.True(injected.IsSuccessStatusCode, await injected.Content.ReadAsStringAsync(token));
        }

        await using var probe = ProbeRig.BuildProbe(TimeProvider.System,
        [
            "--urls", "http://127.0.0.1:0",
            "--Streams:0:Id=stream-1",
            "--Streams:0:Sources:0:Cdn=cdn-a",
            $"--Streams:0:Sources:0:Url={labAddress}cdn-a/stream-1/{Rendition}/index.m3u8",
            "--Streams:0:Sources:1:Cdn=cdn-b",
            $"--Streams:0:Sources:1:Url={labAddress}cdn-b/stream-1/{Rendition}/index.m3u8",
        ]);
        await probe.StartAsync(token);
        using var client = new HttpClient { BaseAddress = ProbeRig.AddressOf(probe), Timeout = TimeSpan.FromSeconds(30) };

        // Three polls of the faulted rendition, then read the last fetch of each CDN.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<TargetStatus> targets;
        while (true)
        {
            targets = (await client.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", token))!;
            if (targets.Count == 2 && targets.TrueForAll(static t => t.Polls >= 3))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the probe did not poll both CDNs three times within 60 s");
            await Task.Delay(200, token);
        }

        var faulted = targets.Single(static t => t.Cdn == "cdn-a").LastFetch!;
        var healthy = targets.Single(static t => t.Cdn == "cdn-b").LastFetch!;
        Assert.True(faulted.TotalSeconds >= 0.3, $"cdn-a's manifest took {faulted.TotalSeconds:F3} s under a {kind} fault of at least 300 ms");
        Assert.True(faulted.TotalSeconds > healthy.TotalSeconds, $"cdn-a {faulted.TotalSeconds:F3} s, cdn-b {healthy.TotalSeconds:F3} s");
        Assert.Equal("ok", targets.Single(static t => t.Cdn == "cdn-a").Outcome);
    }

    private static bool IsLiveError(Finding finding)
        => finding.Code.StartsWith("LIVE-", StringComparison.Ordinal) && finding.Severity == Severity.Error;
}
