using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace StreamWatch.Lab.Tests.Edges;

/// <summary>
/// <c>/origin/{stream}/…</c> serves the content before any edge. A fault on the origin reaches every CDN (they pull
/// from it); a fault on one CDN stays on that CDN.
/// </summary>
public sealed class OriginTests
{
    [Fact]
    public async Task OriginPath_ServesHlsAndDash_AsTheEdgesDo()
    {
        await using var lab = await LabServer.StartAsync();

        var master = await lab.GetStringAsync("origin/stream-1/master.m3u8");
        Assert.Contains("720p/index.m3u8", master, StringComparison.Ordinal);
        using var playlist = await lab.GetAsync("origin/stream-1/720p/index.m3u8");
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Contains("Origin", playlist.Headers.Server.ToString(), StringComparison.Ordinal);
        var text = await playlist.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Playlists.MediaSequence(await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8")), Playlists.MediaSequence(text));
        using var segment = await lab.GetAsync("origin/stream-1/720p/" + Playlists.SegmentUris(text)[^1]);
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        Assert.Contains("<MPD", await lab.GetStringAsync("origin/stream-1/manifest.mpd"), StringComparison.Ordinal);

        var info = await lab.Http.GetFromJsonAsync<JsonElement>("lab/streams", TestContext.Current.CancellationToken);
        var origin = info.GetProperty("streams")[0].GetProperty("origin");
        Assert.Equal("origin", origin.GetProperty("cdn").GetString());
        Assert.EndsWith("/origin/stream-1/master.m3u8", origin.GetProperty("hls").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginFault_ReachesEveryCdn()
    {
        await using var lab = await LabServer.StartAsync();
        var before = await SequencesAsync(lab);
        await lab.InjectAsync(new { cdn = "origin", stream = "stream-1", kind = "stale" });
        lab.Clock.Advance(TimeSpan.FromSeconds(10));

        var after = await SequencesAsync(lab);
        Assert.Equal(before, after);

        await lab.InjectAsync(new { cdn = "origin", stream = "stream-2", kind = "http-error", status = 503 });
        foreach (var edge in new[] { "origin", "cdn-a", "cdn-b" })
        {
            using var response = await lab.GetAsync($"{edge}/stream-2/720p/index.m3u8");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
    }

    [Fact]
    public async Task CdnFault_DoesNotReachTheOrigin()
    {
        await using var lab = await LabServer.StartAsync();
        var before = await SequencesAsync(lab);
        await lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale" });
        lab.Clock.Advance(TimeSpan.FromSeconds(10));

        var after = await SequencesAsync(lab);
        Assert.Equal(before.Origin + 5, after.Origin);
        Assert.Equal(before.CdnA, after.CdnA);
        Assert.Equal(before.CdnB + 5, after.CdnB);
    }

    [Fact]
    public async Task CdnNamedOrigin_FailsAtStart_NamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LabServer.StartAsync("--Lab:CdnNames:0=cdn-a", "--Lab:CdnNames:1=origin"));
        Assert.Contains("Lab:CdnNames", error.Message, StringComparison.Ordinal);
        Assert.Contains("reserved for the origin", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(long Origin, long CdnA, long CdnB)> SequencesAsync(LabServer lab)
    {
        async Task<long> Of(string edge) => Playlists.MediaSequence(await lab.GetStringAsync($"{edge}/stream-1/720p/index.m3u8"));
        return (await Of("origin"), await Of("cdn-a"), await Of("cdn-b"));
    }
}
