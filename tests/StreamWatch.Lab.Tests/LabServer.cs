using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Lab;
using StreamWatch.Testing.Time;

namespace StreamWatch.Lab.Tests;

/// <summary>The Lab started in-process on a real loopback socket (127.0.0.1:0), on a manual clock.</summary>
internal sealed class LabServer : IAsyncDisposable
{
    /// <summary>A quiet instant on the default 2 s grid: segment 0 began 2020-01-01, so this is mid-stream.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 20, 0, 0, 500, TimeSpan.Zero);

    private readonly WebApplication _app;

    private LabServer(WebApplication app, ManualTimeProvider clock, Uri address)
    {
        _app = app;
        Clock = clock;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ManualTimeProvider Clock { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<LabServer> StartAsync(params string[] args) => StartAsync(realClock: false, args);

    /// <summary>Starts the Lab; with <paramref name="realClock"/> it keeps the system clock (ffmpeg mode runs in real time).</summary>
    public static async Task<LabServer> StartAsync(bool realClock, params string[] args)
    {
        var clock = new ManualTimeProvider(Start);
        string[] all = ["--urls", "http://127.0.0.1:0", .. args];
        var builder = WebApplication.CreateBuilder(all);
        builder.AddLab(all);
        if (!realClock)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapLab();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LabServer(app, clock, new Uri(address + "/"));
    }

    public async Task<string> GetStringAsync(string path) => await Http.GetStringAsync(path, TestContext.Current.CancellationToken);

    public async Task<byte[]> GetBytesAsync(string path) => await Http.GetByteArrayAsync(path, TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> GetAsync(string path) => await Http.GetAsync(path, TestContext.Current.CancellationToken);

    /// <summary>Posts a fault and returns its id; fails the test on anything but 201.</summary>
    public async Task<string> InjectAsync(object fault)
    {
        using var response = await Http.PostAsJsonAsync("lab/faults", fault, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
