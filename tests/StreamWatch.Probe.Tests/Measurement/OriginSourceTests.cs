using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe.Measurement;
using StreamWatch.Testing.Time;

namespace StreamWatch.Probe.Tests.Measurement;

/// <summary>
/// A stream's <c>origin:</c> is polled like a CDN source (discovery, renditions, staleness, segments) against the real
/// Lab's <c>/origin/…</c>, its reports tagged as the origin, and it never takes part in cross-CDN skew.
/// </summary>
public sealed class OriginSourceTests
{
    private const string Origin = "--Streams:0:Origin={lab}origin/stream-1/master.m3u8";

    [Fact]
    public async Task Origin_IsPolledLikeASource_AndReportedAsTheOrigin()
    {
        await using var rig = await ProbeRig.StartAsync(Origin);
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        var origin = rig.Polls("origin", "720p").ToList();
        Assert.NotEmpty(origin);
        Assert.All(origin, poll => Assert.True(poll.Ref.Origin));
        Assert.All(origin, poll => Assert.Equal(FetchOutcome.Ok, poll.Fetch.Outcome));
        Assert.Contains("/origin/stream-1/720p/index.m3u8", origin[^1].Fetch.Url, StringComparison.Ordinal);
        Assert.All(origin, poll => Assert.Null(poll.CdnSkew));
        Assert.All(rig.Polls("cdn-a", "720p"), poll => Assert.False(poll.Ref.Origin));
        Assert.Contains(rig.Reports, r => r.Segment is { } s && s.Ref.Origin && s.Ref.Cdn == "origin" && s.Fetch.Outcome == FetchOutcome.Ok);

        var targets = await rig.Probe.GetFromJsonAsync<List<TargetStatus>>("api/v1/targets", TestContext.Current.CancellationToken);
        Assert.NotNull(targets);
        Assert.Equal(15, targets.Count);
        var hd = Assert.Single(targets, t => t.Cdn == "origin" && t.Rendition == "720p");
        Assert.True(hd.Origin);
        Assert.Equal("ok", hd.Outcome);
        Assert.Null(hd.CdnSkewSeconds);
        Assert.All(targets.Where(t => t.Cdn != "origin"), t => Assert.False(t.Origin));
    }

    [Fact]
    public async Task FrozenOrigin_IsStaleAtTheOriginAndOnEveryCdn()
    {
        await using var rig = await ProbeRig.StartAsync(Origin);
        await rig.AdvanceAsync(ProbeRig.TargetDuration * 2);
        await rig.InjectAsync(new { cdn = "origin", stream = "stream-1", kind = "stale" });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        Assert.True(rig.Polls("origin", "720p").Last().Stale);
        Assert.True(rig.Polls("cdn-a", "720p").Last().Stale);
        Assert.True(rig.Polls("cdn-b", "720p").Last().Stale);
    }

    [Fact]
    public async Task OriginAheadOfEveryCdn_IsNotTheLeaderTheyAreMeasuredAgainst()
    {
        await using var rig = await ProbeRig.StartAsync(Origin);
        await rig.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "lag", segments = 3 });
        await rig.InjectAsync(new { cdn = "cdn-b", stream = "stream-1", kind = "lag", segments = 3 });

        await rig.AdvanceAsync(ProbeRig.TargetDuration * 3);

        // Both CDNs are three segments behind the origin and level with each other: no CDN skew.
        var a = rig.Polls("cdn-a", "720p").Last();
        var origin = rig.Polls("origin", "720p").Last();
        Assert.Equal(origin.MediaSequence - 3, a.MediaSequence);
        Assert.Equal(TimeSpan.Zero, a.CdnSkew.ToTimeSpan());
        Assert.Equal(TimeSpan.Zero, rig.Polls("cdn-b", "720p").Last().CdnSkew.ToTimeSpan());
    }

    [Fact]
    public async Task CdnNamedOrigin_OnAStreamWithAnOrigin_FailsStartup_NamingTheSetting()
    {
        await using var probe = ProbeRig.BuildProbe(new ManualTimeProvider(ProbeRig.Start),
        [
            "--urls", "http://127.0.0.1:0",
            "--Streams:0:Id=final-hindi",
            "--Streams:0:Origin=http://origin.example/final-hindi/master.m3u8",
            "--Streams:0:Sources:0:Cdn=cdn-a",
            "--Streams:0:Sources:0:Url=http://a.example/final-hindi/master.m3u8",
            "--Streams:0:Sources:1:Cdn=origin",
            "--Streams:0:Sources:1:Url=http://b.example/final-hindi/master.m3u8",
        ]);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => probe.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.StartsWith("Streams:0:Sources:1:Cdn", StringComparison.Ordinal) && f.Contains("Streams:0:Origin", StringComparison.Ordinal));
    }
}
