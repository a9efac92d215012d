using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Testing.Http;

namespace StreamWatch.Gateway.Tests.Infrastructure;

/// <summary>A real upstream: Kestrel on a free loopback port with the endpoints a test maps. Counts requests by path.</summary>
public sealed class Upstream : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private Upstream(LoopbackServer server, ConcurrentDictionary<string, int> hits)
    {
        _server = server;
        Address = server.Address;
        Hits = hits;
    }

    /// <summary>Base address without trailing slash: <c>http://127.0.0.1:port</c>.</summary>
    public string Address { get; }

    /// <summary>Requests seen, by path.</summary>
    public ConcurrentDictionary<string, int> Hits { get; }

    public int HitsOf(string path) => Hits.TryGetValue(path, out var n) ? n : 0;

    public static async Task<Upstream> StartAsync(Action<WebApplication> map)
    {
        var hits = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.Use((context, next) =>
            {
                hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, static (_, n) => n + 1);
                return next(context);
            });
            map(app);
        }, TestContext.Current.CancellationToken);
        return new Upstream(server, hits);
    }

    /// <summary>An upstream whose <c>/whoami</c> answers its name and whose <c>/health</c> answers 200 while <paramref name="healthy"/> says so.</summary>
    public static Task<Upstream> NamedAsync(string name, Func<bool>? healthy = null) => StartAsync(app =>
    {
        app.MapGet("/health", () => healthy is null || healthy() ? Results.Ok("healthy") : Results.StatusCode(503));
        app.Map("/api/v1/{**rest}", () => Results.Text(name));
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
