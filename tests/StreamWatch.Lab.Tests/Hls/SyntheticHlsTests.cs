using System.Net;

namespace StreamWatch.Lab.Tests.Hls;

/// <summary>What a player sees of the synthetic HLS output over HTTP.</summary>
public sealed class SyntheticHlsTests
{
    [Fact]
    public async Task Multivariant_ListsTheVideoLadderAndAnAudioRendition()
    {
        await using var lab = await LabServer.StartAsync();
        using var response = await lab.GetAsync("cdn-a/stream-1/master.m3u8");
        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, Playlists.Count(body, "#EXT-X-STREAM-INF:"));
        Assert.Contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\"", body, StringComparison.Ordinal);
        Assert.Equal(["1080p/index.m3u8", "720p/index.m3u8", "480p/index.m3u8", "360p/index.m3u8"], Playlists.SegmentUris(body));
    }

    [Fact]
    public async Task MediaPlaylist_IsAPureFunctionOfTheClock()
    {
        await using var first = await LabServer.StartAsync();
        await using var second = await LabServer.StartAsync();
        Assert.Equal(await first.GetStringAsync("cdn-a/stream-1/720p/index.m3u8"), await second.GetStringAsync("cdn-b/stream-1/720p/index.m3u8"));
        Assert.Equal(await first.GetStringAsync("cdn-a/stream-1/manifest.mpd"), await second.GetStringAsync("cdn-a/stream-1/manifest.mpd"));
    }

    [Fact]
    public async Task MediaPlaylist_SlidesOneSegmentPerSegmentDuration_WithProgramDateTime()
    {
        await using var lab = await LabServer.StartAsync();
        var before = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        lab.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(before, await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8"));
        lab.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");

        Assert.Equal(Playlists.MediaSequence(before) + 1, Playlists.MediaSequence(after));
        Assert.Equal(6, Playlists.SegmentUris(after).Length);
        Assert.Equal(Playlists.FirstProgramDateTime(before) + TimeSpan.FromSeconds(2), Playlists.FirstProgramDateTime(after));
        Assert.Equal("2", Playlists.Tag(after, "#EXT-X-TARGETDURATION:"));
    }

    [Fact]
    public async Task Segments_HaveTheDeclaredSize_AsMpegTsPackets_WithLongCaching()
    {
        await using var lab = await LabServer.StartAsync();
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        using var response = await lab.GetAsync("cdn-a/stream-1/720p/" + Playlists.SegmentUris(playlist)[^1]);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal("video/mp2t", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(body.Length, (3_000_000 * 2 / 8) - 188, 3_000_000 * 2 / 8);
        Assert.Equal(0, body.Length % 188);
        Assert.All(Enumerable.Range(0, body.Length / 188), i => Assert.Equal(0x47, body[i * 188]));
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_AnswersWithTheHeadersOfGet_AndNoBody()
    {
        await using var lab = await LabServer.StartAsync();
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/480p/index.m3u8");
        using var head = new HttpRequestMessage(HttpMethod.Head, "cdn-a/stream-1/480p/" + Playlists.SegmentUris(playlist)[^1]);
        using var response = await lab.Http.SendAsync(head, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Segment480pBytes, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FutureAndLongGoneSegments_Are404()
    {
        await using var lab = await LabServer.StartAsync();
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        var newest = long.Parse(Playlists.SegmentUris(playlist)[^1]["seg-".Length..^".ts".Length], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync($"cdn-a/stream-1/720p/seg-{newest + 1}.ts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync("cdn-a/stream-1/720p/seg-1.ts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync("cdn-a/stream-1/8k/index.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lab.GetAsync("cdn-q/stream-1/master.m3u8")).StatusCode);
    }

    [Fact]
    public async Task AdBreaks_CarryDateRangeScte35AndCueTags()
    {
        await using var lab = await LabServer.StartAsync("--Lab:AdBreakInterval=00:00:30", "--Lab:AdBreakDuration=00:00:10", "--Lab:WindowSegments=20");
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
            foreach (var tag in new[] { "SCTE35-OUT=0xFC", "SCTE35-IN=0xFC", "#EXT-X-CUE-OUT:DURATION=10.000", "#EXT-X-CUE-OUT-CONT:", "#EXT-X-CUE-IN" })
            {
                if (playlist.Contains(tag, StringComparison.Ordinal))
                {
                    seen.Add(tag);
                }
            }

            lab.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task LowLatency_ListsPartsAndAPreloadHint_AndBlocksUntilTheRequestedPartExists()
    {
        await using var lab = await LabServer.StartAsync("--Lab:LowLatency=true");
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        Assert.Contains("#EXT-X-PART-INF:PART-TARGET=0.500", playlist, StringComparison.Ordinal);
        Assert.Contains("CAN-BLOCK-RELOAD=YES", playlist, StringComparison.Ordinal);
        var hint = Playlists.Tag(playlist, "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"seg-")!; // "{n}.{p}.ts\""
        var parts = hint.TrimEnd('"')[..^".ts".Length].Split('.');
        var msn = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var part = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);

        var pending = lab.GetStringAsync($"cdn-a/stream-1/720p/index.m3u8?_HLS_msn={msn}&_HLS_part={part}");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        for (var i = 0; i < 10 && !pending.IsCompleted; i++)
        {
            lab.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(pending, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.Contains($"URI=\"seg-{msn}.{part}.ts\"", await pending, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lab.GetAsync($"cdn-a/stream-1/720p/seg-{msn}.{part}.ts")).StatusCode);
    }

    [Fact]
    public async Task LowLatency_BlockingReloadTooFarAhead_Is400()
    {
        await using var lab = await LabServer.StartAsync("--Lab:LowLatency=true");
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        var last = Playlists.MediaSequence(playlist) + Playlists.SegmentUris(playlist).Length - 1;
        Assert.Equal(HttpStatusCode.BadRequest, (await lab.GetAsync($"cdn-a/stream-1/720p/index.m3u8?_HLS_msn={last + 3}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lab.GetAsync("cdn-a/stream-1/720p/index.m3u8?_HLS_part=1")).StatusCode);
    }

    [Fact]
    public async Task LowLatency_BlockingReloadOnAFrozenEdge_IsHeldThen503_NeverAnsweredWithFreshContent()
    {
        await using var lab = await LabServer.StartAsync("--Lab:LowLatency=true");
        await lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "720p", kind = "stale" });
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        var next = Playlists.MediaSequence(playlist) + Playlists.SegmentUris(playlist).Length;

        // RFC 8216bis 6.2.5.2: held while the playlist (frozen at this edge) lacks the segment, 503 after three target durations.
        var pending = lab.GetAsync($"cdn-a/stream-1/720p/index.m3u8?_HLS_msn={next}");
        for (var i = 0; i < 40 && !pending.IsCompleted; i++)
        {
            lab.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(pending, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        using var response = await pending;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(lab.Clock.GetUtcNow() - LabServer.Start >= TimeSpan.FromSeconds(6), $"answered after {lab.Clock.GetUtcNow() - LabServer.Start}");

        // The other edge is not frozen: the same directive is answered with the segment.
        var healthy = lab.GetAsync($"cdn-b/stream-1/720p/index.m3u8?_HLS_msn={next}");
        for (var i = 0; i < 40 && !healthy.IsCompleted; i++)
        {
            lab.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(healthy, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.Contains($"seg-{next}.ts", await (await healthy).Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowLatency_BlockingReloadUnderASequenceOffset_UsesTheServedNumbering()
    {
        await using var lab = await LabServer.StartAsync("--Lab:LowLatency=true");
        await lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", rendition = "720p", kind = "sequence-regression", segments = 3 });
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        var next = Playlists.MediaSequence(playlist) + Playlists.SegmentUris(playlist).Length;

        // The next segment in the served (shifted) numbering: held until it exists, not answered at once as "3 behind".
        var pending = lab.GetStringAsync($"cdn-a/stream-1/720p/index.m3u8?_HLS_msn={next}");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        for (var i = 0; i < 20 && !pending.IsCompleted; i++)
        {
            lab.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(pending, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        var answered = await pending;
        Assert.Equal(next + 1, Playlists.MediaSequence(answered) + Playlists.SegmentUris(answered).Length);
    }

    [Fact]
    public async Task LowLatency_PartPastTheLastOfItsSegment_MeansTheNextSegmentsFirstPart()
    {
        await using var lab = await LabServer.StartAsync("--Lab:LowLatency=true");
        var playlist = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");
        var next = Playlists.MediaSequence(playlist) + Playlists.SegmentUris(playlist).Length;

        // Four parts per segment: part 4 of the segment in progress does not exist; "or later" is part 0 of the next.
        var pending = lab.GetStringAsync($"cdn-a/stream-1/720p/index.m3u8?_HLS_msn={next}&_HLS_part=4");
        for (var i = 0; i < 20 && !pending.IsCompleted; i++)
        {
            lab.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(pending, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.Contains($"URI=\"seg-{next + 1}.0.ts\"", await pending, StringComparison.Ordinal);
    }

    [Fact]
    public void Scte35Sections_CarryAValidCrc()
    {
        Span<byte> section = stackalloc byte[StreamWatch.Lab.Hls.Scte35.SectionBytes];
        StreamWatch.Lab.Hls.Scte35.WriteSpliceInsert(section, 7, outOfNetwork: true, TimeSpan.FromSeconds(30));
        Assert.Equal(0xFC, section[0]);
        Assert.Equal(StreamWatch.Lab.Hls.Scte35.SectionBytes - 3, ((section[1] & 0x0F) << 8) | section[2]);
        // CRC-32/MPEG-2 over a whole section including its CRC is zero.
        Assert.Equal(0u, StreamWatch.Lab.Hls.Scte35.Crc32Mpeg2(section));
    }

    // 480p: 1.5 Mbit/s for 2 s, in whole 188-byte TS packets.
    private const long Segment480pBytes = (1_500_000 * 2 / 8) - (1_500_000 * 2 / 8 % 188);
}
