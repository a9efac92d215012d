using Microsoft.Net.Http.Headers;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Headers that describe one connection rather than the message (RFC 9110 7.6.1), so a proxy
/// must not pass them on; plus <c>Host</c>, which names the upstream, and the trace context, which
/// the forwarder writes itself.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly HashSet<string> Connection = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Connection,
        HeaderNames.KeepAlive,
        "Proxy-Connection",
        HeaderNames.ProxyAuthenticate,
        HeaderNames.ProxyAuthorization,
        HeaderNames.TE,
        HeaderNames.Trailer,
        HeaderNames.TransferEncoding,
        HeaderNames.Upgrade,
    };

    /// <summary>True for a header no proxy forwards in either direction.</summary>
    public static bool IsHopByHop(string name) => Connection.Contains(name);

    /// <summary>True for a request header the forwarder does not copy as is.</summary>
    public static bool IsNotCopiedOnRequest(string name)
        => Connection.Contains(name)
            || string.Equals(name, HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, HeaderNames.TraceParent, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, HeaderNames.TraceState, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "X-Forwarded-Proto", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "X-Forwarded-Host", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "X-Forwarded-For", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="name"/> is listed in a <c>Connection</c> header value: the sender
    /// declared it hop-by-hop too (RFC 9110 7.6.1).
    /// </summary>
    public static bool IsListedIn(string? connection, string name)
    {
        if (string.IsNullOrEmpty(connection))
        {
            return false;
        }

        foreach (var range in connection.AsSpan().Split(','))
        {
            if (connection.AsSpan()[range].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
