using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamWatch.Lab.Tests.Edges;

/// <summary>Each CDN prefix answers like a CDN edge: its own identity headers, the Lab's clock in Date, optional cache lag.</summary>
public sealed class EdgeTests
{
    [Fact]
    public async Task Responses_CarryEdgeHeaders_AndTheLabClockInDate()
    {
        await using var lab = await LabServer.StartAsync();
        lab.Clock.Advance(TimeSpan.FromDays(1));
        using var response = await lab.GetAsync("cdn-b/stream-2/360p/index.m3u8");

        Assert.Equal(lab.Clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture), response.Headers.Date!.Value.ToString("R", CultureInfo.InvariantCulture));
        Assert.Contains("cdn-b", response.Headers.Via.ToString(), StringComparison.Ordinal);
        Assert.Contains("cdn-b", response.Headers.Server.ToString(), StringComparison.Ordinal);
        Assert.Equal("MISS", response.Headers.GetValues("X-Cache").Single());
        Assert.NotEmpty(response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.CacheControl!.MaxAge);
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task EdgeCache_ServesTheOriginPlaylistLate_WithAgeAndHit()
    {
        await using var lab = await LabServer.StartAsync("--Lab:EdgeCache:cdn-b=00:00:06");
        lab.Clock.Advance(TimeSpan.FromSeconds(4)); // 20:00:04.5: cdn-b fetched at 20:00:00
        using var cached = await lab.GetAsync("cdn-b/stream-1/720p/index.m3u8");
        var live = await lab.GetStringAsync("cdn-a/stream-1/720p/index.m3u8");

        Assert.Equal("HIT", cached.Headers.GetValues("X-Cache").Single());
        Assert.Equal(TimeSpan.FromSeconds(4), cached.Headers.Age);
        var lagging = Playlists.MediaSequence(await cached.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Playlists.MediaSequence(live) - 2, lagging);
    }

    [Fact]
    public async Task Playlists_CarryAnETag_AndAnswerIfNoneMatchWith304UntilTheWindowMoves()
    {
        await using var lab = await LabServer.StartAsync();
        using var first = await lab.GetAsync("cdn-a/stream-1/720p/index.m3u8");
        var etag = first.Headers.ETag!;

        using var same = new HttpRequestMessage(HttpMethod.Get, "cdn-a/stream-1/720p/index.m3u8");
        same.Headers.IfNoneMatch.Add(etag);
        using var notModified = await lab.Http.SendAsync(same, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, notModified.StatusCode);

        lab.Clock.Advance(TimeSpan.FromSeconds(2));
        using var moved = new HttpRequestMessage(HttpMethod.Get, "cdn-a/stream-1/720p/index.m3u8");
        moved.Headers.IfNoneMatch.Add(etag);
        using var changed = await lab.Http.SendAsync(moved, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task LabStreams_ListsEveryStreamOnEveryCdn()
    {
        await using var lab = await LabServer.StartAsync("--streams", "4", "--cdns", "3");
        var info = await lab.Http.GetFromJsonAsync<JsonElement>("lab/streams", TestContext.Current.CancellationToken);
        Assert.Equal(["cdn-a", "cdn-b", "cdn-c"], info.GetProperty("cdns").EnumerateArray().Select(c => c.GetString()));
        var streams = info.GetProperty("streams").EnumerateArray().ToArray();
        Assert.Equal(4, streams.Length);
        Assert.Equal(new Uri(lab.Address, "cdn-c/stream-4/master.m3u8").ToString(), streams[3].GetProperty("sources")[2].GetProperty("hls").GetString());
    }

    [Fact]
    public async Task HealthAndAlive_AreServed()
    {
        await using var lab = await LabServer.StartAsync();
        Assert.Equal("Healthy", await lab.GetStringAsync("health"));
        Assert.Equal("Healthy", await lab.GetStringAsync("alive"));
    }
}
