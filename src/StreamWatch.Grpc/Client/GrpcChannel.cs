using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamWatch.Grpc.Client.Internal;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Client;

/// <summary>
/// A long-lived connection pool to one gRPC server over HTTP/2 (the stand-in for Grpc.Net.Client's
/// <c>GrpcChannel</c>). <c>http://</c> addresses use h2c with prior knowledge, <c>https://</c> TLS with
/// ALPN. Create one per server and share it; it is thread-safe.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly bool _disposeHandler;
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        TimeProvider = options.TimeProvider;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("StreamWatch.Grpc.Client");
        var handler = options.HttpHandler;
        _disposeHandler = handler is null || options.DisposeHttpClient;
        handler ??= new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            ConnectTimeout = options.ConnectTimeout,

            // Service-to-service calls: no proxy from the environment, no cookies, no content decoding.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        Handler = handler;
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal HttpMessageHandler Handler { get; }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>A channel to <paramref name="address"/>, e.g. <c>http://127.0.0.1:8082</c>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
        => ForAddress(new Uri(address ?? throw new ArgumentNullException(nameof(address)), UriKind.Absolute), options);

    /// <summary>A channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must be http:// (h2c) or https://.", nameof(address));
        }

        if (options is { MaxReceiveMessageSize: <= 0 } or { MaxSendMessageSize: <= 0 })
        {
            throw new ArgumentException("Message size limits must be positive (bytes) or null.", nameof(options));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <inheritdoc />
    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new HttpClientCallInvoker(this);
    }

    /// <summary>Closes the channel's connections (when it owns its handler).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Invoker.Dispose();
        if (_disposeHandler)
        {
            Handler.Dispose();
        }
    }

    internal Uri GetMethodUri(IMethod method) => new(Address, "/" + method.FullName);
}
