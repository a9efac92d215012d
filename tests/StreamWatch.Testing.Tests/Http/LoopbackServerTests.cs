using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Testing.Http;

namespace StreamWatch.Testing.Tests.Http;

public sealed class LoopbackServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_ServesWhatTheTestMapsOnLoopback_AndDisposeReleasesThePort()
    {
        var server = await LoopbackServer.StartAsync(app => app.MapGet("/ping/{name}", (string name) => Results.Text("pong " + name)), Ct);
        var url = server.Url("/ping/a");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.EndsWith("/", server.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(server.BaseAddress.AbsoluteUri.TrimEnd('/'), server.Address);
        Assert.Equal("pong a", await client.GetStringAsync(url, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(server.Url("other"), Ct)).StatusCode);

        await server.DisposeAsync();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url, Ct));
        Assert.IsType<SocketException>(refused.InnerException);
    }

    [Fact]
    public async Task TwoServers_GetDifferentPorts()
    {
        await using var first = await LoopbackServer.StartAsync(_ => { }, Ct);
        await using var second = await LoopbackServer.StartAsync(_ => { }, Ct);

        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
    }
}
