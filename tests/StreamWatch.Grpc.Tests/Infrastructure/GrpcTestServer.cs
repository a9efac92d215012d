using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Client;
using StreamWatch.Grpc.Health;
using StreamWatch.Grpc.Server;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>A real Kestrel server on loopback serving Echo, Ingest and Health: h2c by default, TLS with a certificate.</summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public IServiceProvider Services => _app.Services;

    public CallObserver Observer => _app.Services.GetRequiredService<CallObserver>();

    public HealthServiceImpl Health => _app.Services.GetRequiredService<HealthServiceImpl>();

    public IngestLedger Ledger => _app.Services.GetRequiredService<IngestLedger>();

    /// <summary>Ids of the TCP connections requests arrived on.</summary>
    public ConcurrentDictionary<string, int> ConnectionIds { get; } = new();

    public static async Task<GrpcTestServer> StartAsync(
        Action<GrpcServiceOptions>? configure = null,
        X509Certificate2? certificate = null,
        int port = 0,
        IngestLedger? ledger = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is null)
            {
                listen.Protocols = HttpProtocols.Http2;
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddGrpcStandIn(configure);
        builder.Services.AddGrpcHealth();
        builder.Services.AddSingleton<CallObserver>();
        builder.Services.AddSingleton(ledger ?? new IngestLedger());

        var app = builder.Build();
        GrpcTestServer? server = null;
        app.Use((context, next) =>
        {
            server!.ConnectionIds.TryAdd(context.Connection.Id, 0);
            return next(context);
        });
        app.MapGrpcService<EchoService>();
        app.MapGrpcService<IngestTestService>();
        app.MapGrpcHealthService();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new UriBuilder(bound) { Host = "127.0.0.1" }.Uri;
        server = new GrpcTestServer(app, uri);
        return server;
    }

    /// <summary>A channel to this server; for TLS it trusts exactly <paramref name="trusted"/>.</summary>
    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null, X509Certificate2? trusted = null)
    {
        options ??= new GrpcChannelOptions();
        if (trusted is not null)
        {
            options.HttpHandler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHash().AsSpan().SequenceEqual(trusted.GetCertHash()) },
            };
            options.DisposeHttpClient = true;
        }

        return GrpcChannel.ForAddress(Address, options);
    }

    public async Task StopAsync() => await _app.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>A self-signed server certificate for 127.0.0.1/localhost, made in memory.</summary>
    public static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
