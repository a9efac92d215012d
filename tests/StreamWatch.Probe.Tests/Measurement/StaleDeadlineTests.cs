using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Tests.Measurement;

/// <summary>
/// The issue's bound: a frozen rendition's stale verdict within 1.5 target durations + 250 ms of the Lab's last change,
/// and no stale verdict on healthy streams. Real Lab, real probe, one manual clock, so each figure is exact.
/// </summary>
public sealed class StaleDeadlineTests
{
    /// <summary>The Lab's default epoch: segment boundaries fall on multiples of the segment duration after it.</summary>
    private static readonly DateTimeOffset LabEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(2, 300)]
    [InlineData(2, 1_700)]
    [InlineData(2, 5_100)]
    [InlineData(6, 700)]
    [InlineData(6, 4_100)]
    [InlineData(6, 11_900)]
    public async Task FrozenRendition_IsStaleWithinOneAndAHalfTargetDurationsPlus250Ms_OfTheLabsLastChange(int seconds, int freezeAfterMs)
    {
        var td = TimeSpan.FromSeconds(seconds);
        await using var rig = await ProbeRig.StartWithLabAsync("master.m3u8", [$"--Lab:SegmentDuration={td:c}"], []);
        await rig.AdvanceAsync((td * 4) + TimeSpan.FromMilliseconds(freezeAfterMs));

        // The Lab freezes the playlist as it was at this instant: its last change is the segment boundary before it.
        var frozenAt = rig.Clock.GetUtcNow();
        var lastChange = LabEpoch + TimeSpan.FromTicks((frozenAt - LabEpoch).Ticks / td.Ticks * td.Ticks);
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "720p", kind = "stale", duration = "10m" });
        await rig.AdvanceAsync(td * 3);

        var polls = rig.Polls("cdn-a", "720p").ToList();
        var verdict = polls.FirstOrDefault(p => p.Stale);
        Assert.True(verdict is not null, $"no stale verdict; polls at {string.Join(", ", polls.Select(Describe))}");
        var at = rig.Reports.First(r => r.Manifest == verdict).ObservedAt.ToDateTimeOffset();
        var deadline = lastChange + (td * 1.5);
        Assert.True(at > deadline && at <= deadline + Bound, $"verdict at {at:HH:mm:ss.fff}, last change {lastChange:HH:mm:ss.fff}, bound {deadline + Bound:HH:mm:ss.fff}");
        Assert.Equal(TimeSpan.FromMilliseconds(at.Subtract(lastChange).TotalMilliseconds), verdict.PlaylistAge.ToTimeSpan());

        // Healthy renditions (the other CDN, the other renditions) never turned stale, nor did this one before the freeze.
        Assert.DoesNotContain(rig.Polls("cdn-b", "720p"), p => p.Stale);
        Assert.DoesNotContain(rig.Polls("cdn-a", "360p"), p => p.Stale);
        Assert.All(rig.Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == "cdn-a" && m.Ref.RenditionId == "720p" && r.ObservedAt.ToDateTimeOffset() <= frozenAt), r => Assert.False(r.Manifest.Stale));
    }

    /// <summary>
    /// Healthy streams over five minutes: published on time (HLS and DASH), and with PROGRAM-DATE-TIME behind publication
    /// by 0.6 target durations or ahead of it (Lab clock-skew), which the change estimate must not take for a frozen stream.
    /// </summary>
    [Theory]
    [InlineData("master.m3u8", null)]
    [InlineData("manifest.mpd", null)]
    [InlineData("master.m3u8", "-1200ms")]
    [InlineData("master.m3u8", "700ms")]
    [InlineData("master.m3u8", "5s")]
    public async Task HealthyStream_GetsNoStaleVerdict_OverFiveMinutes(string document, string? pdtOffset)
    {
        var td = ProbeRig.TargetDuration;
        await using var rig = await ProbeRig.StartWatchingAsync(document);
        if (pdtOffset is not null)
        {
            await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "clock-skew", offset = pdtOffset, duration = "1h" });
        }

        var span = TimeSpan.FromMinutes(5);
        await rig.AdvanceAsync(span);

        var manifests = rig.Reports.Where(r => r.Manifest is not null).Select(r => r.Manifest).ToList();
        Assert.NotEmpty(manifests);
        var stale = manifests.Where(m => m.Stale).ToList();
        Assert.True(stale.Count == 0, $"{stale.Count} stale verdicts, first {stale.FirstOrDefault()}");
        foreach (var group in manifests.GroupBy(m => (m.Ref.Cdn, m.Ref.RenditionId)))
        {
            // One reload per published segment plus a few early reloads while the publication lag is learned: no hammering.
            var polls = group.Count();
            Assert.True(polls >= span / td && polls <= (span / td) + 12, $"{group.Key}: {polls} polls in {span.TotalSeconds} s");
            Assert.All(group, m => Assert.Equal(FetchOutcome.Ok, m.Fetch.Outcome));
        }
    }

    private static string Describe(ManifestPoll poll) => $"{poll.MediaSequence}/{poll.PlaylistAge.ToTimeSpan().TotalSeconds:0.###}{(poll.Stale ? "!" : string.Empty)}";
}
