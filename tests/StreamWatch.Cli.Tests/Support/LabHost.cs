using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Lab;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>
/// The real StreamWatch Lab, in-process on a loopback port and the system clock (a drill polls in real time),
/// with 1 s segments so a drill takes seconds: 2 streams (stream-1, stream-2) on cdn-a and cdn-b.
/// </summary>
internal sealed class LabHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LabHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static async Task<LabHost> StartAsync()
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Lab:Streams=2", "--Lab:SegmentDuration=00:00:01"];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLab(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapLab();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LabHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The ids of the faults the Lab holds now (<c>GET /lab/faults</c>).</summary>
    public async Task<string[]> FaultIdsAsync(CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("lab/faults", cancellationToken));
        return [.. json.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
