using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using StreamWatch.Testing.Processes;

namespace StreamWatch.ServiceDefaults.Tests.Support;

/// <summary>A real Kestrel app on a free loopback port, stopped and disposed with the test.</summary>
public sealed class KestrelApp : IAsyncDisposable
{
    private KestrelApp(WebApplication app, int port)
    {
        App = app;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public WebApplication App { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public static async Task<KestrelApp> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map, string[]? args = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], EnvironmentName = "Production" });
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new KestrelApp(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
