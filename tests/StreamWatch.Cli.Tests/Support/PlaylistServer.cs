using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Testing.Http;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>A real Kestrel server on a loopback port serving whatever the test maps.</summary>
internal sealed class PlaylistServer : IAsyncDisposable
{
    public const string HlsContentType = "application/vnd.apple.mpegurl";

    private LoopbackServer _server = null!;
    private int _requests;

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Requests served so far, all paths together.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The User-Agent of the last request.</summary>
    public string? LastUserAgent { get; private set; }

    public Uri Url(string path) => _server.Url(path);

    public static async Task<PlaylistServer> StartAsync(Action<WebApplication> map)
    {
        var server = new PlaylistServer();
        server._server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                Interlocked.Increment(ref server._requests);
                server.LastUserAgent = context.Request.Headers.UserAgent.ToString();
                await next(context);
            });
            map(app);
        }, TestContext.Current.CancellationToken);
        return server;
    }

    /// <summary>A server answering each path in <paramref name="playlists"/> with its HLS text.</summary>
    public static Task<PlaylistServer> StartAsync(IReadOnlyDictionary<string, string> playlists)
        => StartAsync(app =>
        {
            foreach (var (path, body) in playlists)
            {
                app.MapGet("/" + path, () => Results.Text(body, HlsContentType));
            }
        });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
