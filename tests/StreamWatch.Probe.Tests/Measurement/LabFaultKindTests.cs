using StreamWatch.Contracts.V1;

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

    private static bool IsLiveError(Finding finding)
        => finding.Code.StartsWith("LIVE-", StringComparison.Ordinal) && finding.Severity == Severity.Error;
}
