using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>A real Kestrel server on a loopback port serving whatever the test maps.</summary>
internal sealed class PlaylistServer : IAsyncDisposable
{
    public const string HlsContentType = "application/vnd.apple.mpegurl";

    private readonly WebApplication _app;
    private int _requests;

    private PlaylistServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Requests served so far, all paths together.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The User-Agent of the last request.</summary>
    public string? LastUserAgent { get; private set; }

    public Uri Url(string path) => new(BaseAddress, path);

    public static async Task<PlaylistServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        PlaylistServer? server = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server!._requests);
            server.LastUserAgent = context.Request.Headers.UserAgent.ToString();
            await next(context);
        });
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new PlaylistServer(app, new Uri(address.TrimEnd('/') + "/"));
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
