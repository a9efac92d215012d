using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace StreamWatch.Probe.Tests.Hostile;

/// <summary>
/// A raw HTTP/1.1 server on loopback that misbehaves on purpose. <c>/{scenario}/master.m3u8</c> is a sound multivariant
/// playlist with one 720p variant, <c>/{scenario}/media.m3u8</c> is the hostile answer (see <see cref="Scenarios"/>).
/// Raw sockets, not Kestrel: resets, silence and trickles must be exactly what the scenario says.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    /// <summary>Every scenario and the error kind the probe must classify it as.</summary>
    public static readonly IReadOnlyDictionary<string, string> Scenarios = new Dictionary<string, string>
    {
        ["endless"] = "too_large",
        ["slowloris"] = "timeout",
        ["huge"] = "too_large",
        ["gzip-bomb"] = "decompression_bomb",
        ["redirect-loop"] = "redirect_loop",
        ["bad-utf8"] = "invalid_utf8",
        ["html"] = "wrong_content_type",
        ["reset"] = "connection_reset",
        ["silent"] = "timeout",
        ["untrusted-tls"] = "tls_error",
        ["corrupt-gzip"] = "bad_encoding",
    };

    private static readonly Lazy<byte[]> Bomb = new(CreateBomb);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TcpListener _tls = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate = CreateSelfSigned();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _held = [];
    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly Task _accepting;
    private readonly Task _acceptingTls;
    private long _restamped;

    public HostileServer()
    {
        _ = Bomb.Value;
        _listener.Start();
        _tls.Start();
        _accepting = AcceptAsync();
        _acceptingTls = AcceptTlsAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>How many times the <c>restamped</c> playlist was served (each time with different bytes).</summary>
    public long RestampedServed => Interlocked.Read(ref _restamped);

    /// <summary>Decoded size of the gzip bomb, in bytes.</summary>
    public static long BombExpandedBytes => 64L * 1024 * 1024;

    /// <summary>The most body bytes the server managed to write on one connection of a scenario before the client hung up.</summary>
    public long Written(string scenario) => _written.GetValueOrDefault(scenario);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _tls.Stop();
        foreach (var socket in _held)
        {
            socket.Dispose();
        }

        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _acceptingTls.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _certificate.Dispose();
        _stop.Dispose();
    }

    private static byte[] CreateBomb()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < BombExpandedBytes / zeros.Length; i++)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _held.Add(socket);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task AcceptTlsAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _tls.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _held.Add(socket);
            _ = Task.Run(async () =>
            {
                await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
                try
                {
                    // The client refuses the certificate; the handshake fails on its side.
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
                {
                }
            });
        }
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private async Task ServeAsync(Socket socket)
    {
        var token = _stop.Token;
        try
        {
            var path = await ReadRequestPathAsync(socket, token);
            if (path is null)
            {
                return;
            }

            var parts = path.Trim('/').Split('/');
            var scenario = parts[0];
            if (parts.Length == 2 && parts[1] == "master.m3u8")
            {
                // The TLS scenario's variant lives on the TLS port, with a certificate nobody trusts.
                var variant = scenario == "untrusted-tls" ? $"https://127.0.0.1:{((IPEndPoint)_tls.LocalEndpoint).Port}/untrusted-tls/media.m3u8" : "media.m3u8";
                await SendAsync(socket, "200 OK", "application/vnd.apple.mpegurl", Encoding.ASCII.GetBytes($"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=1280x720\n{variant}\n"), token);
                return;
            }

            await HostileAsync(socket, scenario, token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up (as it should, on most scenarios) or the server is stopping.
        }
    }

    private async Task HostileAsync(Socket socket, string scenario, CancellationToken token)
    {
        switch (scenario)
        {
            case "endless":
            {
                await WriteAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nTransfer-Encoding: chunked\r\n\r\n", token);
                var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('#', 0x10000)}\r\n");
                long sent = 0;
                while (true)
                {
                    await socket.SendAsync(chunk, token);
                    sent += 0x10000;
                    Wrote(scenario, sent);
                }
            }

            case "huge":
            {
                // A 100 MB playlist, announced honestly.
                await WriteAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nContent-Length: 104857600\r\n\r\n#EXTM3U\n", token);
                var lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("#EXTINF:2.000,\nsegment.ts\n", 2000)));
                long sent = 0;
                while (sent < 104_857_600)
                {
                    await socket.SendAsync(lines, token);
                    sent += lines.Length;
                    Wrote(scenario, sent);
                }

                return;
            }

            case "slowloris":
                await WriteAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nContent-Length: 100000\r\n\r\n", token);
                while (true)
                {
                    await socket.SendAsync("#"u8.ToArray(), token);
                    await Task.Delay(200, token);
                }

            case "gzip-bomb":
                await WriteAsync(socket, $"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nContent-Encoding: gzip\r\nContent-Length: {Bomb.Value.Length}\r\nConnection: close\r\n\r\n", token);
                await socket.SendAsync(Bomb.Value, token);
                Wrote(scenario, Bomb.Value.Length);
                await Task.Delay(Timeout.Infinite, token);
                return;

            case "corrupt-gzip":
            {
                // A gzip header, then bytes that are no deflate stream.
                byte[] body = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, .. Enumerable.Repeat((byte)0xFF, 64)];
                await WriteAsync(socket, $"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nContent-Encoding: gzip\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n", token);
                await socket.SendAsync(body, token);
                socket.Shutdown(SocketShutdown.Both);
                return;
            }

            case "redirect-loop":
                await WriteAsync(socket, "HTTP/1.1 302 Found\r\nLocation: /redirect-loop/media.m3u8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                socket.Shutdown(SocketShutdown.Both);
                return;

            case "bad-utf8":
            {
                byte[] body = [.. "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:1\n#EXTINF:2.0,\nseg-"u8, 0xFF, 0xFE, 0xC0, .. ".ts\n"u8];
                await SendAsync(socket, "200 OK", "application/vnd.apple.mpegurl", body, token);
                return;
            }

            case "html":
                await SendAsync(socket, "200 OK", "text/html", "<!DOCTYPE html><html><body><h1>Please sign in</h1></body></html>"u8.ToArray(), token);
                return;

            case "reset":
                await WriteAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.apple.mpegurl\r\nContent-Length: 100000\r\n\r\n#EXTM3U\n", token);
                await socket.SendAsync(new byte[1000], token);
                await Task.Delay(50, token);

                // Linger 0: close sends RST, not FIN.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;

            case "restamped":
            {
                // Not hostile: a live playlist whose bytes change on every request while its media sequence stands still.
                var served = Interlocked.Increment(ref _restamped);
                await SendAsync(socket, "200 OK", "application/vnd.apple.mpegurl", Encoding.ASCII.GetBytes($"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:1.0,\nseg-7.ts\n## served {served}\n"), token);
                return;
            }

            case "silent":
                // Accepts, reads the request, never answers; the socket is held until the server stops.
                await Task.Delay(Timeout.Infinite, token);
                return;

            default:
                await SendAsync(socket, "404 Not Found", "text/plain", "no such scenario"u8.ToArray(), token);
                return;
        }
    }

    private void Wrote(string scenario, long bytes) => _written.AddOrUpdate(scenario, bytes, (_, n) => Math.Max(n, bytes));

    private static async Task<string?> ReadRequestPathAsync(Socket socket, CancellationToken token)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), token);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return text.Split(' ')[1];
            }
        }

        return null;
    }

    private static async Task SendAsync(Socket socket, string status, string contentType, byte[] body, CancellationToken token)
    {
        await WriteAsync(socket, $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n", token);
        await socket.SendAsync(body, token);
        socket.Shutdown(SocketShutdown.Both);
    }

    private static async Task WriteAsync(Socket socket, string text, CancellationToken token)
        => await socket.SendAsync(Encoding.ASCII.GetBytes(text), token);
}
