using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using StreamWatch.Gateway.Security;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// Header copying between Kestrel and <see cref="HttpRequestMessage"/>/<see cref="HttpResponseMessage"/>,
/// on every proxied request, so written not to allocate per header: single values go through the
/// string overloads (no boxed <see cref="StringValues"/> enumerables), response headers are read
/// unparsed (<see cref="HttpHeaders.NonValidated"/>) and the <c>Connection</c> header is looked at
/// without building its parsed collection.
/// </summary>
internal static class ProxyHeaders
{
    /// <summary>
    /// Copies the client's headers onto the upstream request, leaving out hop-by-hop headers (also
    /// those the client's <c>Connection</c> names), <c>Host</c>, the trace context and <c>X-Forwarded-*</c>.
    /// Content headers go on <paramref name="request"/>'s content when it has one.
    /// </summary>
    public static void CopyRequestHeaders(IHeaderDictionary source, HttpRequestMessage request)
    {
        var connection = source.Connection;
        var listed = connection.Count == 0 ? null : connection.ToString();
        var target = request.Headers;
        foreach (var (name, values) in source)
        {
            if (HopByHopHeaders.IsNotCopiedOnRequest(name) || (listed is not null && HopByHopHeaders.IsListedIn(listed, name)))
            {
                continue;
            }

            if (values.Count == 1)
            {
                var value = values[0];
                if (!target.TryAddWithoutValidation(name, value))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }
            else if (!target.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }

    /// <summary>
    /// Copies the upstream's status and headers to the client's response, leaving out hop-by-hop
    /// headers (also those the upstream's <c>Connection</c> names) and the gateway's own security headers.
    /// </summary>
    public static void CopyResponseHeaders(HttpResponseMessage response, HttpResponse target)
    {
        target.StatusCode = (int)response.StatusCode;
        var headers = response.Headers.NonValidated;
        var connection = headers.TryGetValues(HeaderNames.Connection, out var listed) ? listed.ToString() : null;
        Copy(headers, target.Headers, connection);
        Copy(response.Content.Headers.NonValidated, target.Headers, connection);
    }

    private static void Copy(HttpHeadersNonValidated source, IHeaderDictionary target, string? connection)
    {
        foreach (var (name, values) in source)
        {
            // The gateway's security headers are its own; an upstream's values never replace them.
            if (HopByHopHeaders.IsHopByHop(name) || (connection is not null && HopByHopHeaders.IsListedIn(connection, name)) || RequestGuard.IsSecurityHeader(name))
            {
                continue;
            }

            target[name] = values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
        }
    }
}
