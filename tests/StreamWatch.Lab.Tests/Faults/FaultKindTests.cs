using System.Net;
using System.Xml.Linq;

namespace StreamWatch.Lab.Tests.Faults;

/// <summary>Each fault kind, injected through the API, shows its symptom over real HTTP on loopback.</summary>
public sealed class FaultKindTests : IAsyncLifetime
{
    private const string Playlist = "cdn-a/stream-1/720p/index.m3u8";
    private const string OtherCdn = "cdn-b/stream-1/720p/index.m3u8";
    private LabServer _lab = null!;

    public async ValueTask InitializeAsync() => _lab = await LabServer.StartAsync();

    public async ValueTask DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task Stale_FreezesThePlaylistWhileTheOtherCdnMovesOn()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale" });
        var before = await _lab.GetStringAsync(Playlist);
        var otherBefore = await _lab.GetStringAsync(OtherCdn);

        _lab.Clock.Advance(TimeSpan.FromSeconds(3 * 2));

        Assert.Equal(before, await _lab.GetStringAsync(Playlist));
        Assert.Equal(Playlists.MediaSequence(otherBefore) + 3, Playlists.MediaSequence(await _lab.GetStringAsync(OtherCdn)));
    }

    [Fact]
    public async Task Stale_AlsoFreezesTheMpd()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale" });
        var before = await _lab.GetStringAsync("cdn-a/stream-1/manifest.mpd");
        _lab.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(before, await _lab.GetStringAsync("cdn-a/stream-1/manifest.mpd"));
    }

    [Fact]
    public async Task HttpError_AtRateOne_AnswersTheStatusOnEveryRequest()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 503, rate = 1.0, target = "manifest" });
        for (var i = 0; i < 5; i++)
        {
            using var response = await _lab.GetAsync(Playlist);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        using var other = await _lab.GetAsync(OtherCdn);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task HttpError_AtHalfRate_FailsAboutHalfTheRequests_Reproducibly()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 500, rate = 0.5, seed = 7 });
        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            using var response = await _lab.GetAsync(Playlist);
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.InRange(failures, 70, 130);
    }

    [Fact]
    public async Task HttpError_TargetSegment_LeavesPlaylistsAlone()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 404, target = "segment" });
        var playlist = await _lab.GetStringAsync(Playlist);
        using var segment = await _lab.GetAsync("cdn-a/stream-1/720p/" + Playlists.SegmentUris(playlist)[^1]);
        Assert.Equal(HttpStatusCode.NotFound, segment.StatusCode);
    }

    [Fact]
    public async Task Timeout_NeverAnswers_SoAClientWithAOneSecondTimeoutGivesUp()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "timeout" });
        using var client = new HttpClient { BaseAddress = _lab.Address, Timeout = TimeSpan.FromSeconds(1) };
        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(Playlist, TestContext.Current.CancellationToken));
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));

        // The held request pinned no thread: the Lab still answers other CDNs at once.
        using var other = await _lab.GetAsync(OtherCdn);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Slow_HoldsTheResponseUntilTheLabClockPassesTheDelay()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "slow", delay = "5s" });
        var pending = _lab.GetAsync(Playlist);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);

        await AdvanceUntilAsync(pending, TimeSpan.FromMilliseconds(500), limit: 20);
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Slow_ThroughputCap_DeliversTheBodyInTimedSlices()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "360p", kind = "slow", bytesPerSecond = 100_000, target = "segment" });
        var playlist = await _lab.GetStringAsync("cdn-a/stream-1/360p/index.m3u8");
        var pending = _lab.GetAsync("cdn-a/stream-1/360p/" + Playlists.SegmentUris(playlist)[^1]); // 200 kB: two seconds at the cap
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);

        var advanced = await AdvanceUntilAsync(pending, TimeSpan.FromMilliseconds(100), limit: 100);
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(advanced, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Jitter_DelaysWithinTheUniformRange()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "jitter", min = "1s", max = "2s", seed = 3 });
        var pending = _lab.GetAsync(Playlist);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);

        var advanced = await AdvanceUntilAsync(pending, TimeSpan.FromMilliseconds(100), limit: 40);
        Assert.InRange(advanced, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.1));
        (await pending).Dispose();
    }

    [Fact]
    public async Task SequenceRegression_MovesTheMediaSequenceBack()
    {
        var before = Playlists.MediaSequence(await _lab.GetStringAsync(Playlist));
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "sequence-regression", segments = 4 });
        Assert.Equal(before - 4, Playlists.MediaSequence(await _lab.GetStringAsync(Playlist)));
    }

    [Fact]
    public async Task SequenceReset_RestartsTheMediaSequenceAtZero()
    {
        Assert.True(Playlists.MediaSequence(await _lab.GetStringAsync(Playlist)) > 1000);
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "sequence-reset" });
        Assert.Equal(0, Playlists.MediaSequence(await _lab.GetStringAsync(Playlist)));
        _lab.Clock.Advance(TimeSpan.FromSeconds(4));
        var later = await _lab.GetStringAsync(Playlist);
        Assert.Equal(0, Playlists.MediaSequence(later));
        Assert.Equal(3, Playlists.SegmentUris(later).Length);
    }

    [Fact]
    public async Task DiscontinuityStorm_PutsADiscontinuityBeforeEverySegment()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "discontinuity-storm" });
        var playlist = await _lab.GetStringAsync(Playlist);
        Assert.Equal(Playlists.SegmentUris(playlist).Length, playlist.Split('\n').Count(l => l == "#EXT-X-DISCONTINUITY"));
        var mpd = XDocument.Parse(await _lab.GetStringAsync("cdn-a/stream-1/manifest.mpd"));
        Assert.Equal(6, mpd.Root!.Elements().Count(e => e.Name.LocalName == "Period"));
    }

    [Fact]
    public async Task DropRendition_404sThePlaylistAndLeavesTheMultivariantAndMpd()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "720p", kind = "drop-rendition" });
        using var playlist = await _lab.GetAsync(Playlist);
        Assert.Equal(HttpStatusCode.NotFound, playlist.StatusCode);
        Assert.DoesNotContain("720p/index.m3u8", await _lab.GetStringAsync("cdn-a/stream-1/master.m3u8"), StringComparison.Ordinal);
        Assert.Contains("1080p/index.m3u8", await _lab.GetStringAsync("cdn-a/stream-1/master.m3u8"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"720p\"", await _lab.GetStringAsync("cdn-a/stream-1/manifest.mpd"), StringComparison.Ordinal);
        Assert.Contains("720p/index.m3u8", await _lab.GetStringAsync("cdn-b/stream-1/master.m3u8"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncate_CutsTheBodyAtTheByteCount()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "truncate", bytes = 40 });
        var body = await _lab.GetBytesAsync(Playlist);
        Assert.Equal(40, body.Length);
        Assert.StartsWith("#EXTM3U", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncate_WithoutBytes_CutsMidLine()
    {
        var whole = await _lab.GetStringAsync(Playlist);
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "truncate" });
        var cut = await _lab.GetStringAsync(Playlist);
        Assert.True(cut.Length < whole.Length);
        Assert.StartsWith(cut, whole, StringComparison.Ordinal);
        Assert.False(cut.EndsWith('\n'));
    }

    [Fact]
    public async Task Garbage_ReplacesThePlaylistWithRandomBytes()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "garbage", seed = 5 });
        var body = await _lab.GetBytesAsync(Playlist);
        Assert.False(body.AsSpan().StartsWith("#EXTM3U"u8));
        Assert.True(body.Length > 100);
    }

    [Fact]
    public async Task Lag_ServesThePlaylistSegmentsBehindTheOtherCdn()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "lag", segments = 3 });
        var lagging = Playlists.MediaSequence(await _lab.GetStringAsync(Playlist));
        var live = Playlists.MediaSequence(await _lab.GetStringAsync(OtherCdn));
        Assert.Equal(live - 3, lagging);
    }

    [Fact]
    public async Task ClockSkew_OffsetsProgramDateTimeAndAvailabilityStartTime()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "clock-skew", offset = "-30s" });
        var skewed = Playlists.FirstProgramDateTime(await _lab.GetStringAsync(Playlist));
        var honest = Playlists.FirstProgramDateTime(await _lab.GetStringAsync(OtherCdn));
        Assert.Equal(TimeSpan.FromSeconds(-30), skewed - honest);

        var mpd = XDocument.Parse(await _lab.GetStringAsync("cdn-a/stream-1/manifest.mpd"));
        Assert.Equal(new DateTimeOffset(2019, 12, 31, 23, 59, 30, TimeSpan.Zero), DateTimeOffset.Parse((string)mpd.Root!.Attribute("availabilityStartTime")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Faults_StartAfterAndExpireAfterDuration_OnTheLabClock()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "http-error", status = 502, startAfter = "10s", duration = "30s" });
        Assert.Equal(HttpStatusCode.OK, (await _lab.GetAsync(Playlist)).StatusCode);
        _lab.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.BadGateway, (await _lab.GetAsync(Playlist)).StatusCode);
        _lab.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await _lab.GetAsync(Playlist)).StatusCode);
    }

    [Fact]
    public async Task RenditionFault_HitsOnlyThatRendition()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "720p", kind = "http-error", status = 500 });
        Assert.Equal(HttpStatusCode.InternalServerError, (await _lab.GetAsync(Playlist)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _lab.GetAsync("cdn-a/stream-1/1080p/index.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _lab.GetAsync("cdn-a/stream-1/master.m3u8")).StatusCode);
    }

    // Moves the Lab clock in steps until the request completes; returns how far it moved.
    private async Task<TimeSpan> AdvanceUntilAsync(Task pending, TimeSpan step, int limit)
    {
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < limit && !pending.IsCompleted; i++)
        {
            _lab.Clock.Advance(step);
            advanced += step;
            await Task.WhenAny(pending, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.True(pending.IsCompleted, $"still pending after advancing the clock {advanced}");
        return advanced;
    }
}
