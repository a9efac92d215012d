using System.Net.Http.Json;
using StreamWatch.Probe.Measurement;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Tests.Measurement;

public sealed class ManifestPollerTests
{
    private const string Rendition = "720p";

    [Fact]
    public async Task StaleFault_ProducesAStaleVerdictOncePastOneAndAHalfTargetDurations_AndClearingItClearsIt()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);
        var before = rig.Polls("cdn-a", Rendition).Count();

        var faultAt = rig.Clock.GetUtcNow();
        var fault = await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale" });
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 4);

        var polls = rig.Reports.Where(r => r.Manifest is { } m && m.Ref.Cdn == "cdn-a" && m.Ref.RenditionId == Rendition).Skip(before).ToList();
        var first = polls.FindIndex(r => r.Manifest.Stale);
        Assert.True(first > 0, "no stale verdict on cdn-a");
        var threshold = ProbeRig.TargetDuration * 1.5;
        Assert.True(polls[first].Manifest.PlaylistAge.ToTimeSpan() > threshold);
        Assert.True(polls[first - 1].Manifest.PlaylistAge.ToTimeSpan() <= threshold, "the verdict came a poll late");

        // By the manual clock: the Lab's last change was within one target duration before the fault, and the verdict
        // came at the stale deadline (+ the 100 ms reload margin), not at the next half-target-duration reload.
        var verdictAt = polls[first].ObservedAt.ToDateTimeOffset();
        Assert.InRange(verdictAt - faultAt, threshold - ProbeRig.TargetDuration + TimeSpan.FromTicks(1), threshold + TimeSpan.FromMilliseconds(250));
        Assert.DoesNotContain(rig.Polls("cdn-b", Rendition), m => m.Stale);

        await rig.ClearAsync(fault);
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);
        Assert.False(rig.Polls("cdn-a", Rendition).Last().Stale);
    }

    [Fact]
    public async Task HttpErrorFault_IsReportedAsAnHttpErrorOutcome_AndCounted()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 503, target = "manifest" });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);

        var last = rig.Polls("cdn-a", Rendition).Last();
        Assert.Equal(FetchOutcome.HttpError, last.Fetch.Outcome);
        Assert.Equal(503, last.Fetch.HttpStatus);
        Assert.Equal(FetchOutcome.Ok, rig.Polls("cdn-b", Rendition).Last().Fetch.Outcome);

        var metrics = await rig.Probe.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("streamwatch_probe_errors_total{", StringComparison.Ordinal) && l.Contains("kind=\"http_error\"", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.True(double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) > 0, line);
    }

    [Fact]
    public async Task GarbageManifest_IsReportedAsInvalid_NotThrown()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = Rendition, kind = "garbage", seed = 7 });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);

        var last = rig.Polls("cdn-a", Rendition).Last();
        Assert.Equal(FetchOutcome.Invalid, last.Fetch.Outcome);
        Assert.Equal(200, last.Fetch.HttpStatus);
        Assert.NotEmpty(last.Fetch.ErrorDetail);
        Assert.Equal(FetchOutcome.Ok, rig.Polls("cdn-a", "360p").Last().Fetch.Outcome);
    }

    [Fact]
    public async Task LagFault_ShowsTheLaggingCdnBehindTheLeader()
    {
        await using var rig = await ProbeRig.StartAsync();
        await rig.InjectAsync(new { cdn = "cdn-b", stream = "stream-1", kind = "lag", segments = 3 });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        // Three 2 s segments behind; the leader's last-seen edge may itself be up to one segment old.
        var lagging = rig.Polls("cdn-b", Rendition).Last();
        Assert.InRange(lagging.CdnSkew.ToTimeSpan(), ProbeRig.TargetDuration * 2, ProbeRig.TargetDuration * 3);
        Assert.Equal(TimeSpan.Zero, rig.Polls("cdn-a", Rendition).Last().CdnSkew.ToTimeSpan());
        Assert.True(lagging.MediaSequence < rig.Polls("cdn-a", Rendition).Last().MediaSequence);

        var targets = await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken);
        var behind = Assert.Single(targets!, t => t.Cdn == "cdn-b" && t.Rendition == Rendition);
        Assert.InRange(behind.MediaSequencesBehind ?? 0, 2, 3);
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("all")]
    [InlineData("head")]
    [InlineData("none")]
    public async Task SegmentPolicy_DecidesWhichSegmentsAreFetched(string policy)
    {
        await using var rig = await ProbeRig.StartAsync($"--Probe:Segments={policy}");

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 5);

        var segments = rig.Reports.Where(r => r.Segment is { } s && s.Ref.Cdn == "cdn-a" && s.Ref.RenditionId == Rendition).Select(r => r.Segment).ToList();
        var sequences = rig.Polls("cdn-a", Rendition).Select(m => m.MediaSequence).ToList();
        var updates = sequences.Where((sequence, i) => i == 0 || sequence != sequences[i - 1]).Count();
        if (policy == "none")
        {
            Assert.Empty(segments);
            return;
        }

        // One fetch per update: the newest segment, which each update advances by one on the Lab.
        Assert.Equal(updates, segments.Count);
        Assert.Equal(segments.Select(s => s.MediaSequence).Distinct().Order(), segments.Select(s => s.MediaSequence));
        Assert.All(segments, s =>
        {
            Assert.Equal(FetchOutcome.Ok, s.Fetch.Outcome);
            Assert.True(s.Fetch.BodyBytes > 0);
            Assert.Equal(ProbeRig.TargetDuration, s.Duration.ToTimeSpan());
        });
    }
}
