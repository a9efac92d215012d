using System.IO.Compression;
using System.Net.Sockets;
using System.Security.Authentication;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using StreamWatch.Contracts.V1;
using StreamWatch.Media.Http;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// Fetches a URL once, without retries (the probe's client has the standard resilience removed), and turns every
/// expected failure into an outcome and an <see cref="ErrorKinds">error kind</see>. Memory is bounded by
/// <see cref="ProbeOptions.MaxManifestBytes"/> / <see cref="ProbeOptions.MaxSegmentBytes"/> after decoding, time by
/// <see cref="ProbeOptions.RequestTimeout"/> over headers and body. Timings come from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HttpFetcher(IHttpClientFactory clients, TimeProvider time, IOptions<ProbeOptions> options)
{
    /// <summary>The named client the probe fetches with.</summary>
    public const string ClientName = "probe";

    /// <summary>
    /// Decoded bytes per wire byte above which a compressed body that passed the limit counts as a decompression bomb:
    /// text manifests compress 5-20:1, a bomb of zeros about 1,000:1.
    /// </summary>
    public const int BombRatio = 100;

    private static readonly string[] EvidenceHeaders = ["Age", "X-Cache", "Via", "Server", "X-Request-Id", "X-Served-By", "X-Amz-Cf-Id", "CF-Ray"];

    /// <summary>GETs <paramref name="url"/>; the body is kept for manifests and only counted for segments.</summary>
    public Task<Fetch> GetAsync(Uri url, bool keepBody, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, url, keepBody, options.Value.RequestTimeout, cancellationToken);

    /// <summary>GETs <paramref name="url"/> with its own time limit (a blocking reload may be held by the server first).</summary>
    public Task<Fetch> GetAsync(Uri url, bool keepBody, TimeSpan timeout, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, url, keepBody, timeout, cancellationToken);

    /// <summary>HEADs <paramref name="url"/>; body_bytes is the announced Content-Length.</summary>
    public Task<Fetch> HeadAsync(Uri url, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Head, url, keepBody: false, options.Value.RequestTimeout, cancellationToken);

    private async Task<Fetch> SendAsync(HttpMethod method, Uri url, bool keepBody, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var limit = keepBody ? settings.MaxManifestBytes : settings.MaxSegmentBytes;
        var result = new FetchResult { Url = url.AbsoluteUri, Timings = new FetchTimings() };
        var phases = new PhaseRecorder();
        var sent = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        byte[]? body = null;
        string? kind = null;
        string? contentType = null;
        DateTimeOffset? serverDate = null;
        var responded = false;
        try
        {
            var client = clients.CreateClient(ClientName);
            using var request = new HttpRequestMessage(method, url);
            request.Options.Set(PhaseRecorder.Key, phases);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            responded = true;
            result.Timings.FirstByte = Duration.FromTimeSpan(time.GetElapsedTime(started));
            result.HttpStatus = (int)response.StatusCode;
            contentType = response.Content.Headers.ContentType?.MediaType;
            serverDate = response.Headers.Date;
            if (response.RequestMessage?.RequestUri is { } final)
            {
                result.Url = final.AbsoluteUri;
            }

            CopyEvidence(response, result);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                // SocketsHttpHandler hands back the last redirect once MaxAutomaticRedirections is used up.
                (kind, result.Outcome) = (ErrorKinds.RedirectLoop, FetchOutcome.HttpError);
                result.ErrorDetail = response.Headers.Location is null
                    ? $"HTTP {status} without a Location"
                    : $"HTTP {status}: still redirecting after {settings.MaxRedirects} redirects (a loop?)";
            }
            else if (!response.IsSuccessStatusCode)
            {
                (kind, result.Outcome) = (ErrorKinds.HttpError, FetchOutcome.HttpError);
                result.ErrorDetail = $"HTTP {status} {response.ReasonPhrase}";
            }
            else if (method == HttpMethod.Head)
            {
                result.BodyBytes = response.Content.Headers.ContentLength ?? 0;
                result.Outcome = FetchOutcome.Ok;
            }
            else
            {
                (body, kind) = await ReadBodyAsync(response, result, limit, keepBody, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our deadline, or the handler's ConnectTimeout (set to the same span), which surfaces as a cancellation.
            (kind, result.Outcome) = (ErrorKinds.Timeout, FetchOutcome.Timeout);
            result.ErrorDetail = responded
                ? $"the body did not complete within {timeout.TotalSeconds:0.###} s"
                : $"no response within {timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            (kind, result.Outcome) = (ErrorKinds.TlsError, FetchOutcome.TlsError);
            result.ErrorDetail = e.Message;
        }
        catch (HttpRequestException e)
        {
            kind = e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse || IsReset(e)
                ? ErrorKinds.ConnectionReset
                : ErrorKinds.ConnectionError;
            result.Outcome = FetchOutcome.ConnectionError;
            result.ErrorDetail = e.Message;
        }
        catch (IOException e)
        {
            // Only reading the body throws IOException: the connection broke mid-body.
            (kind, result.Outcome) = (ErrorKinds.ConnectionReset, FetchOutcome.ConnectionError);
            result.ErrorDetail = e.Message;
        }

        var total = time.GetElapsedTime(started);
        result.Timings.Total = Duration.FromTimeSpan(total);
        if (phases.Dns is { } dns)
        {
            result.Timings.Dns = Duration.FromTimeSpan(dns);
        }

        if (phases.Connect is { } connect)
        {
            result.Timings.Connect = Duration.FromTimeSpan(connect);
        }

        if (phases.Tls is { } tls)
        {
            result.Timings.Tls = Duration.FromTimeSpan(tls);
        }

        return new Fetch(result, body, total, kind, contentType, phases.Connect is not null, serverDate, sent);
    }

    private async Task<(byte[]? Body, string? Kind)> ReadBodyAsync(HttpResponseMessage response, FetchResult result, int limit, bool keepBody, CancellationToken cancellationToken)
    {
        var encodings = response.Content.Headers.ContentEncoding;
        var announced = response.Content.Headers.ContentLength;
        if (encodings.Count == 0 && announced > limit)
        {
            // Announced too large: abandoned before a byte is read (disposing the response drops the connection).
            result.Outcome = FetchOutcome.TooLarge;
            result.ErrorDetail = $"Content-Length {announced} is over the {limit}-byte limit";
            return (null, ErrorKinds.TooLarge);
        }

        var wire = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        await using (wire.ConfigureAwait(false))
        {
            var decoded = Decode(wire, encodings);
            if (decoded is null)
            {
                result.Outcome = FetchOutcome.Invalid;
                result.ErrorDetail = $"unsupported Content-Encoding '{string.Join(", ", encodings)}'";
                return (null, ErrorKinds.BadEncoding);
            }

            await using (decoded.ConfigureAwait(false))
            {
                BoundedBodyRead read;
                try
                {
                    read = await BoundedBody.ReadAsync(decoded, limit, encodings.Count == 0 ? announced : null, keepBody, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    result.Outcome = FetchOutcome.Invalid;
                    result.ErrorDetail = $"corrupt {string.Join(", ", encodings)} body: {e.Message}";
                    return (null, ErrorKinds.BadEncoding);
                }

                result.BodyBytes = read.Bytes;
                if (!read.TooLarge)
                {
                    result.Outcome = FetchOutcome.Ok;
                    return (read.Body, null);
                }

                result.Outcome = FetchOutcome.TooLarge;
                if (encodings.Count > 0 && read.Bytes > BombRatio * Math.Max(wire.BytesRead, 1))
                {
                    result.ErrorDetail = $"{string.Join(", ", encodings)} body of {wire.BytesRead} bytes expanded past the {limit}-byte limit";
                    return (null, ErrorKinds.DecompressionBomb);
                }

                result.ErrorDetail = $"body larger than {limit} bytes";
                return (null, ErrorKinds.TooLarge);
            }
        }
    }

    /// <summary>The decoded body, codings undone last-applied first (RFC 9110 8.4); null for a coding the probe cannot undo.</summary>
    private static Stream? Decode(Stream wire, ICollection<string> encodings)
    {
        if (encodings.Count == 0)
        {
            return wire;
        }

        var codings = encodings.ToArray();
        var stream = wire;
        for (var i = codings.Length - 1; i >= 0; i--)
        {
            var coding = codings[i].Trim();
            if (coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            stream = coding.ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                _ => null,
            };
            if (stream is null)
            {
                return null;
            }
        }

        return stream;
    }

    private static bool IsReset(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted } or IOException)
            {
                return true;
            }
        }

        return false;
    }

    private static void CopyEvidence(HttpResponseMessage response, FetchResult result)
    {
        foreach (var name in EvidenceHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                result.CdnHeaders[name] = string.Join(", ", values);
            }
        }
    }
}
