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
    public void Scte35Sections_CarryAValidCrc()
    {
        Span<byte> section = stackalloc byte[StreamWatch.Lab.Hls.Scte35.SectionBytes];
        StreamWatch.Lab.Hls.Scte35.WriteSpliceInsert(section, 7, outOfNetwork: true, TimeSpan.FromSeconds(30));
        Assert.Equal(0xFC, section[0]);
        Assert.Equal(StreamWatch.Lab.Hls.Scte35.SectionBytes - 3, ((section[1] & 0x0F) << 8) | section[2]);
        // CRC-32/MPEG-2 over a whole section including its CRC is zero.
        Assert.Equal(0u, StreamWatch.Lab.Hls.Scte35.Crc32Mpeg2(section));
    }
}
