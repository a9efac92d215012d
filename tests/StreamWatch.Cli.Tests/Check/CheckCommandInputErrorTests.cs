using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Cli.Fetching;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Media;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Cli.Tests.Check;

/// <summary>Input that cannot be fetched or read at all: exit code 2 and exactly one line on stderr.</summary>
public sealed class CheckCommandInputErrorTests
{
    [Fact]
    public async Task Check_ConnectionRefused_ExitsTwoWithOneLine()
    {
        var closedPort = FreePort.Next();

        var result = await CliRunner.RunAsync("check", $"http://127.0.0.1:{closedPort}/master.m3u8");

        AssertUnavailable(result, "cannot connect to 127.0.0.1:");
    }

    [Fact]
    public async Task Check_TlsHandshakeFails_ExitsTwoWithTlsReason()
    {
        // A plain-HTTP server answering a TLS ClientHello: the handshake cannot succeed.
        await using var server = await PlaylistServer.StartAsync(_ => { });
        var https = new UriBuilder(server.Url("master.m3u8")) { Scheme = Uri.UriSchemeHttps }.Uri;

        var result = await CliRunner.RunAsync("check", https.AbsoluteUri);

        AssertUnavailable(result, "TLS handshake with 127.0.0.1:");
    }

    [Fact]
    public async Task Check_InputReturns404_ExitsTwoWithStatus()
    {
        await using var server = await PlaylistServer.StartAsync(_ => { });

        var result = await CliRunner.RunAsync("check", server.Url("missing.m3u8").AbsoluteUri);

        AssertUnavailable(result, "HTTP 404");
    }

    [Fact]
    public async Task Check_InputIsHtmlPage_ExitsTwoNotAPlaylist()
    {
        await using var server = await PlaylistServer.StartAsync(app =>
            app.MapGet("/master.m3u8", () => Results.Content("<!DOCTYPE html>\n<html><body>Sign in</body></html>", "text/html")));

        var result = await CliRunner.RunAsync("check", server.Url("master.m3u8").AbsoluteUri);

        AssertUnavailable(result, "neither an HLS playlist nor a DASH MPD (Content-Type text/html; starts with \"<!DOCTYPE html>");
    }

    [Fact]
    public async Task Check_MissingFile_ExitsTwoNoSuchFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"streamwatch-missing-{Guid.NewGuid():N}.m3u8");

        var result = await CliRunner.RunAsync("check", path);

        AssertUnavailable(result, "no such file");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Check_BodyOverSizeLimit_ExitsTwoOverLimit(bool announceLength)
    {
        var body = Encoding.UTF8.GetBytes(Playlists.LiveMedia(1, segments: 400));
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/big.m3u8", async (HttpContext context) =>
        {
            if (announceLength)
            {
                context.Response.ContentLength = body.Length;
            }

            // Written in pieces so an unannounced body arrives chunked and must be cut off while streaming.
            for (var offset = 0; offset < body.Length; offset += 1024)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(1024, body.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        }));
        var services = new CliServices { Fetch = new FetchOptions { Limits = new MediaLimits { MaxManifestBytes = 4096 } } };

        var result = await CliRunner.RunAsync(services, "check", server.Url("big.m3u8").AbsoluteUri);

        AssertUnavailable(result, "over the 4,096-byte manifest limit");
    }

    [Fact]
    public async Task Check_GzipBodyDecompressingPastLimit_ExitsTwoOverLimit()
    {
        // 1 MiB of newlines compresses to about a kilobyte: the cap must apply to decompressed bytes.
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("#EXTM3U\n" + new string('\n', 1024 * 1024)), TestContext.Current.CancellationToken);
        }

        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/bomb.m3u8", (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(compressed.ToArray(), PlaylistServer.HlsContentType);
        }));
        var services = new CliServices { Fetch = new FetchOptions { Limits = new MediaLimits { MaxManifestBytes = 64 * 1024 } } };

        var result = await CliRunner.RunAsync(services, "check", server.Url("bomb.m3u8").AbsoluteUri);

        AssertUnavailable(result, "over the 65,536-byte manifest limit");
    }

    [Fact]
    public async Task Check_ServerSlowerThanTimeout_ExitsTwoTimedOut()
    {
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/slow.m3u8", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text(Playlists.LiveMedia(1), PlaylistServer.HlsContentType);
        }));

        var result = await CliRunner.RunAsync("check", server.Url("slow.m3u8").AbsoluteUri, "--timeout", "300ms");

        AssertUnavailable(result, "timed out: no complete response within 0.3 s");
    }

    [Fact]
    public async Task Check_RedirectLoop_ExitsTwoAfterRedirectLimit()
    {
        await using var server = await PlaylistServer.StartAsync(app => app.MapGet("/loop.m3u8", () => Results.Redirect("/loop.m3u8")));

        var result = await CliRunner.RunAsync("check", server.Url("loop.m3u8").AbsoluteUri);

        AssertUnavailable(result, "more than 5 redirects");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "x.m3u8", "--format", "xml")]
    [InlineData("watch", "x.m3u8", "--duration", "5 minutes")]
    [InlineData("check", "ftp://example.com/x.m3u8")]
    public async Task Invoke_InvalidCommandLine_ExitsTwo(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("streamwatch: ", result.StderrLines[0], StringComparison.Ordinal);
    }

    private static void AssertUnavailable(CliResult result, string expectedReason)
    {
        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("streamwatch: ", line, StringComparison.Ordinal);
        Assert.Contains(expectedReason, line, StringComparison.Ordinal);
    }
}
