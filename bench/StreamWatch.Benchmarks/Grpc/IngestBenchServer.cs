using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Server;

namespace StreamWatch.Benchmarks.Grpc;

/// <summary>The .NET ingest server the benchmark starts in its own (pinned) process: <c>grpc-ingest-server --port N</c>.</summary>
public static class IngestBenchServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = args is ["--port", var value, ..] ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);

            // Larger windows than the 768 KiB / 1 MiB defaults: the benchmark streams continuously.
            kestrel.Limits.Http2.InitialStreamWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 8 * 1024 * 1024;
        });
        builder.Services.AddGrpcStandIn();
        var app = builder.Build();
        app.MapGrpcService<BenchIngestService>();
        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"listening on {port}");

        // Runs until its parent closes stdin (or kills it).
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        return 0;
    }
}
