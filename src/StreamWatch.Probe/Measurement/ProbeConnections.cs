using System.Net;
using System.Net.Sockets;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// The probe's primary handler. Its ConnectCallback resolves and connects itself so DNS and TCP connect are timed on
/// the injected clock; its PlaintextStreamFilter runs once TLS is done, which times the handshake. Both report to the
/// <see cref="PhaseRecorder"/> of the request that caused the connection. Automatic decompression is off: the fetcher
/// decodes itself, so it sees the wire size and can tell a decompression bomb from a large body.
/// </summary>
internal static class ProbeConnections
{
    /// <summary>The handler for the probe's named client.</summary>
    /// <param name="time">The clock phases are timed on.</param>
    /// <param name="maxRedirects">Redirects followed before the fetch is classified <see cref="ErrorKinds.RedirectLoop"/>.</param>
    /// <param name="connectTimeout">
    /// Bound on a connection attempt. Attempts outlive the request that started them (SocketsHttpHandler pools them), so
    /// without it a black-holed host would keep sockets in SYN_SENT for the kernel's two minutes.
    /// </param>
    public static SocketsHttpHandler CreateHandler(TimeProvider time, int maxRedirects, TimeSpan connectTimeout) => new()
    {
        ConnectTimeout = connectTimeout,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = maxRedirects,

        // Recycled so a CDN's DNS changes (failover, steering) are seen; no cookies: every poll is a first visit.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, time, cancellationToken),
        PlaintextStreamFilter = (context, _) =>
        {
            if (context.InitialRequestMessage.Options.TryGetValue(PhaseRecorder.Key, out var recorder))
            {
                recorder.Ready(time, context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps);
            }

            return ValueTask.FromResult(context.PlaintextStream);
        },
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(PhaseRecorder.Key, out var recorder);
        var endpoint = context.DnsEndPoint;
        IPAddress[] addresses;
        if (IPAddress.TryParse(endpoint.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            var resolving = time.GetTimestamp();
            addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
            recorder?.Resolved(time.GetElapsedTime(resolving));
        }

        // Dual-mode, like SocketsHttpHandler's own connect; NoDelay because requests are small and latency-bound.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var connecting = time.GetTimestamp();
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            var connected = time.GetTimestamp();
            recorder?.Connected(time.GetElapsedTime(connecting, connected), connected);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
