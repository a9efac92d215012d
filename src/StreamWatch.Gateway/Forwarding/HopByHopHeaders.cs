using System.Collections.Frozen;
using Microsoft.Net.Http.Headers;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Headers that describe one connection rather than the message (RFC 9110 7.6.1), so a proxy
/// must not pass them on; plus <c>Host</c>, which names the upstream, the trace context, which
/// the forwarder writes itself, and the <c>X-Forwarded-*</c> headers it rewrites.
/// </summary>
internal static class HopByHopHeaders
{
    private static readonly string[] ConnectionHeaders =
    [
        HeaderNames.Connection,
        HeaderNames.KeepAlive,
        "Proxy-Connection",
        HeaderNames.ProxyAuthenticate,
        HeaderNames.ProxyAuthorization,
        HeaderNames.TE,
        HeaderNames.Trailer,
        HeaderNames.TransferEncoding,
        HeaderNames.Upgrade,
    ];

    // Frozen, case-insensitive: one lookup per header on the hot path instead of a set plus string compares.
    private static readonly FrozenSet<string> Connection = ConnectionHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> NotCopiedOnRequest = ConnectionHeaders
        .Concat([HeaderNames.Host, HeaderNames.TraceParent, HeaderNames.TraceState, "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-For"])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a header no proxy forwards in either direction.</summary>
    public static bool IsHopByHop(string name) => Connection.Contains(name);

    /// <summary>True for a request header the forwarder does not copy as is.</summary>
    public static bool IsNotCopiedOnRequest(string name) => NotCopiedOnRequest.Contains(name);

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
