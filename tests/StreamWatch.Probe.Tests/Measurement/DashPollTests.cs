using System.Net.Http.Json;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Tests.Measurement;

public sealed class DashPollTests
{
    private static readonly string[] Representations = ["1080p", "360p", "480p", "720p", "audio"];

    [Fact]
    public async Task DashSource_EveryRepresentationIsARendition_PolledByMinimumUpdatePeriod_WithLiveEdgeLatency()
    {
        await using var rig = await ProbeRig.StartWatchingAsync("manifest.mpd");

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 4);

        var targets = await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken);
        Assert.Equal(Representations, targets!.Where(t => t.Cdn == "cdn-a").Select(t => t.Rendition));
        Assert.All(targets!, t => Assert.True(t.DeclaredBandwidthBps > 0, t.Rendition));
        Assert.All(targets!, t => Assert.Equal(t.Rendition, t.Representation));
        foreach (var rendition in Representations)
        {
            var polls = rig.Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == "cdn-a" && m.Ref.RenditionId == rendition).ToList();
            Assert.True(polls.Count >= 3, $"{polls.Count} polls of {rendition}");
            Assert.All(polls, r =>
            {
                Assert.Equal(FetchOutcome.Ok, r.Manifest.Fetch.Outcome);
                Assert.False(r.Manifest.Stale);
                Assert.NotNull(r.Manifest.LiveEdgeLatency);
                Assert.Equal(6, r.Manifest.SegmentCount);
            });
            for (var i = 1; i < polls.Count; i++)
            {
                // The Lab's MPD says minimumUpdatePeriod="PT2S"; each reload shows one more 2 s segment.
                Assert.Equal(TimeSpan.FromSeconds(2), polls[i].ObservedAt.ToDateTimeOffset() - polls[i - 1].ObservedAt.ToDateTimeOffset());
                Assert.Equal(polls[i - 1].Manifest.MediaSequence + 1, polls[i].Manifest.MediaSequence);
            }
        }

        // One MPD fetch serves every representation of a CDN: the Lab saw one request per reload, not five.
        var requests = rig.Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == "cdn-a").Select(r => r.Manifest.Fetch.CdnHeaders["X-Request-Id"]).Distinct().Count();
        var reloads = rig.Polls("cdn-a", "720p").Count();
        Assert.Equal(reloads, requests);
    }

    [Fact]
    public async Task DashSource_DownloadsEachRepresentationsNewestSegment_WithItsDeclaredBandwidth()
    {
        await using var rig = await ProbeRig.StartWatchingAsync("manifest.mpd");

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        var segments = rig.Reports.Where(r => r.Segment is { } s && s.Ref.Cdn == "cdn-b").Select(r => r.Segment).ToList();
        foreach (var rendition in Representations)
        {
            var mine = segments.Where(s => s.Ref.RenditionId == rendition).ToList();
            Assert.True(mine.Count >= 2, $"{mine.Count} segments of {rendition}");
            Assert.All(mine, s =>
            {
                Assert.Equal(FetchOutcome.Ok, s.Fetch.Outcome);
                Assert.Contains($"/dash/{rendition}/", s.Fetch.Url, StringComparison.Ordinal);
                Assert.True(s.DeclaredBandwidthBps > 0);
                Assert.True(s.MeasuredBitrateBps > 0);
            });
        }
    }

    [Fact]
    public async Task NumberTemplateMpd_ThatNeverChanges_IsNotStale_BecauseItsSegmentsAdvance()
    {
        await using var rig = await ProbeRig.StartWatchingAsync("manifest-number.mpd");

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 5);

        var polls = rig.Polls("cdn-a", "720p").ToList();
        Assert.True(polls.Count >= 4, $"{polls.Count} polls");
        Assert.All(polls, p => Assert.False(p.Stale));
        Assert.True(polls[^1].MediaSequence > polls[0].MediaSequence);
    }

    [Fact]
    public async Task StaleMpd_IsStaleOnEveryRepresentation_OfThatCdnOnly()
    {
        await using var rig = await ProbeRig.StartWatchingAsync("manifest.mpd");
        await rig.AdvanceAsync(ProbeRig.TargetDuration);
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale" });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 4);

        foreach (var rendition in Representations)
        {
            Assert.True(rig.Polls("cdn-a", rendition).Last().Stale, rendition);
            Assert.DoesNotContain(rig.Polls("cdn-b", rendition), p => p.Stale);
        }
    }

    [Fact]
    public async Task MultiPeriodMpd_KeepsOneRenditionPerRepresentationId_FollowedIntoTheNewestPeriod()
    {
        await using var rig = await ProbeRig.StartWatchingAsync("manifest.mpd", "--Probe:DiscoveryInterval=00:00:04");
        await rig.AdvanceAsync(ProbeRig.TargetDuration);

        // The DASH face of a discontinuity storm: a Period per segment, the same representation ids in each.
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "discontinuity-storm" });
        var before = rig.Polls("cdn-a", "720p").Count();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 4);

        var targets = await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken);
        Assert.Equal(Representations, targets!.Where(t => t.Cdn == "cdn-a").Select(t => t.Rendition));
        var polls = rig.Polls("cdn-a", "720p").Skip(before).ToList();
        Assert.True(polls.Count >= 3, $"{polls.Count} polls");
        Assert.All(polls, p => Assert.Equal(FetchOutcome.Ok, p.Fetch.Outcome));
        Assert.All(polls, p => Assert.False(p.Stale));
        Assert.True(polls[^1].MediaSequence > polls[0].MediaSequence, "the newest period's segments did not advance");
    }
}
