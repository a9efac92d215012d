using Microsoft.Extensions.Logging;

namespace StreamWatch.Grpc.Client;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler calls go through. Null (the default) creates one <see cref="System.Net.Http.SocketsHttpHandler"/>
    /// from the settings below, owned and disposed by the channel. Supply your own for TLS settings.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>; defaults to false for a supplied handler (a created one is always disposed).</summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>Maximum size in bytes of a received message (after decompression); null for no limit. Defaults to 4,194,304 (4 MiB).</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Maximum size in bytes of a sent message (after compression); null (the default) for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Opens another HTTP/2 connection when one reaches the server's concurrent-stream limit; defaults to true.</summary>
    public bool EnableMultipleHttp2Connections { get; set; } = true;

    /// <summary>Idle time after which HTTP/2 PING frames check the connection; defaults to 60 seconds. <see cref="Timeout.InfiniteTimeSpan"/> turns pings off.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a PING may go unanswered before the connection is closed; defaults to 30 seconds.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle pooled connection is kept; defaults to <see cref="Timeout.InfiniteTimeSpan"/> (kept, as gRPC channels are long-lived).</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>TCP connect (and TLS handshake) timeout; defaults to 10 seconds. A failed connect is UNAVAILABLE.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for deadlines; defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logger factory; null for no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
