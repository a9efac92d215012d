using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Server;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Probe.Tests.Reporting;

/// <summary>
/// A real gRPC ingest server (Kestrel h2c on 127.0.0.1 + the StreamWatch.Grpc stand-in) that the test can drop calls on,
/// stop and start again on the same port; the ledger survives restarts as alerting's store would.
/// </summary>
internal sealed class IngestServer : IAsyncDisposable
{
    private WebApplication? _app;
    private CancellationTokenSource _calls = new();

    private IngestServer(int port, int ackEvery)
    {
        Port = port;
        AckEvery = ackEvery;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Acks once this many reports were accepted since the previous ack.</summary>
    public int AckEvery { get; }

    public IngestLedger Ledger { get; } = new();

    /// <summary>While true, calls are accepted but the hello is never answered.</summary>
    public volatile bool Silent;

    /// <summary>Calls that arrived while <see cref="Silent"/>.</summary>
    public int SilentCalls;

    public CancellationToken CallsToken => _calls.Token;

    public static async Task<IngestServer> StartAsync(int ackEvery = 1)
    {
        var server = new IngestServer(FreePort.Next(), ackEvery);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Ends every open call with UNAVAILABLE; the server keeps listening.</summary>
    public void DropCalls()
    {
        var old = _calls;
        _calls = new CancellationTokenSource();
        old.Cancel();
    }

    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        DropCalls();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcStandIn();
        builder.Services.AddSingleton(this);
        var app = builder.Build();
        app.MapGrpcService<RecordingIngestService>();
        await app.StartAsync(TestContext.Current.CancellationToken);
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _calls.Dispose();
    }
}
