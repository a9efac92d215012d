using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Media;

namespace StreamWatch.Cli.Tests.Fetching;

public sealed class ManifestFetcherTests
{
    [Fact]
    public async Task FetchAsync_GzipEncodedBody_ReturnsDecompressedBytesAndSendsUserAgent()
    {
        var playlist = Playlists.LiveMedia(3);
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(playlist), TestContext.Current.CancellationToken);
        }

        string? acceptEncoding = null;
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/live.m3u8", (HttpContext context) =>
        {
            acceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(compressed.ToArray(), PlaylistServer.HlsContentType);
        }));
        using var fetcher = new ManifestFetcher(FetchOptions.Default);

        var result = await fetcher.FetchAsync(server.Url("live.m3u8"), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(playlist, Encoding.UTF8.GetString(result.Body));
        Assert.Equal(PlaylistServer.HlsContentType, result.MediaType);
        Assert.Equal($"StreamWatch/{ManifestFetcher.Version}", server.LastUserAgent);
        Assert.Contains("br", acceptEncoding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_FileOverLimit_FailsTooLargeWithoutReadingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"streamwatch-{Guid.NewGuid():N}.m3u8");
        await File.WriteAllTextAsync(path, Playlists.LiveMedia(1, segments: 100), TestContext.Current.CancellationToken);
        try
        {
            using var fetcher = new ManifestFetcher(new FetchOptions { Limits = new MediaLimits { MaxManifestBytes = 100 } });

            var result = await fetcher.FetchAsync(new Uri(path), TestContext.Current.CancellationToken);

            Assert.Equal(FetchFailureKind.TooLarge, result.Failure);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FetchAsync_Directory_FailsUnreadable()
    {
        using var fetcher = new ManifestFetcher(FetchOptions.Default);

        var result = await fetcher.FetchAsync(new Uri(Path.GetTempPath()), TestContext.Current.CancellationToken);

        Assert.Equal(FetchFailureKind.Unreadable, result.Failure);
    }
}
