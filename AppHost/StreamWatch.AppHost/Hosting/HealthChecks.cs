using System.Net.Sockets;
using System.Text;

namespace StreamWatch.AppHost.Hosting;

/// <summary>The health probes the AppHost waits on: HTTP <c>/health</c> and Redis <c>PING</c>.</summary>
internal static class HealthChecks
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>True when <paramref name="uri"/> answers 2xx; false when it refuses, fails or times out.</summary>
    public static async Task<bool> HttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends <c>PING</c> to the Redis at <paramref name="hostAndPort"/> (<c>host:port</c>) and returns its reply
    /// line (<c>+PONG</c>, or <c>-NOAUTH …</c> for a server that wants a password, which is still a live Redis).
    /// </summary>
    /// <exception cref="SocketException">Nothing listens there.</exception>
    public static async Task<string> RedisPingAsync(string hostAndPort, CancellationToken cancellationToken)
    {
        var (host, port) = SplitHostPort(hostAndPort);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd('\r', '\n');
    }

    /// <summary>True when Redis answers PING (see <see cref="RedisPingAsync"/>).</summary>
    public static async Task<bool> RedisAsync(string hostAndPort, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await RedisPingAsync(hostAndPort, cancellationToken).ConfigureAwait(false);
            return reply == "+PONG" || reply.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first endpoint of a StackExchange.Redis connection string (<c>host:port,password=…</c>); port 6379 when absent.
    /// </summary>
    /// <exception cref="FormatException">The port is not a number.</exception>
    public static (string Host, int Port) SplitHostPort(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var first = connectionString.Split(',', 2)[0].Trim();
        var colon = first.LastIndexOf(':');
        if (colon < 0)
        {
            return (first, 6379);
        }

        return int.TryParse(first.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (first[..colon], port)
            : throw new FormatException($"'{first}' is not host:port.");
    }
}
