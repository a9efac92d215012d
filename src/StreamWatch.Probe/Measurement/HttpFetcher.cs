using System.Security.Authentication;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe.Targets;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// Fetches a URL once, without retries (the probe's client has the standard resilience removed), and turns every
/// expected failure into an outcome. Timings come from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HttpFetcher(IHttpClientFactory clients, TimeProvider time, IOptions<ProbeOptions> options)
{
    /// <summary>The named client the probe fetches with.</summary>
    public const string ClientName = "probe";

    private static readonly string[] EvidenceHeaders = ["Age", "X-Cache", "Via", "Server", "X-Request-Id", "X-Served-By", "X-Amz-Cf-Id", "CF-Ray"];

    /// <summary>GETs <paramref name="url"/>; the body is kept for manifests and only counted for segments.</summary>
    public Task<Fetch> GetAsync(Uri url, bool keepBody, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, url, keepBody, cancellationToken);

    /// <summary>HEADs <paramref name="url"/>; body_bytes is the announced Content-Length.</summary>
    public Task<Fetch> HeadAsync(Uri url, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Head, url, keepBody: false, cancellationToken);

    private async Task<Fetch> SendAsync(HttpMethod method, Uri url, bool keepBody, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var limit = keepBody ? settings.MaxManifestBytes : settings.MaxSegmentBytes;
        var result = new FetchResult { Url = url.AbsoluteUri, Timings = new FetchTimings() };
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(settings.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[]? body = null;
        try
        {
            var client = clients.CreateClient(ClientName);
            using var request = new HttpRequestMessage(method, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            result.Timings.FirstByte = Duration.FromTimeSpan(time.GetElapsedTime(started));
            result.HttpStatus = (int)response.StatusCode;
            if (response.RequestMessage?.RequestUri is { } final)
            {
                result.Url = final.AbsoluteUri;
            }

            CopyEvidence(response, result);
            BodyRead read;
            if (method == HttpMethod.Head)
            {
                read = new BodyRead(null, response.Content.Headers.ContentLength ?? 0, TooLarge: false);
            }
            else
            {
                await using var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                read = await BoundedReader.ReadAsync(stream, limit, response.Content.Headers.ContentLength, keepBody, linked.Token).ConfigureAwait(false);
            }

            result.BodyBytes = read.Bytes;
            if (read.TooLarge)
            {
                result.Outcome = FetchOutcome.TooLarge;
                result.ErrorDetail = $"body larger than {limit} bytes";
            }
            else if (!response.IsSuccessStatusCode)
            {
                result.Outcome = FetchOutcome.HttpError;
                result.ErrorDetail = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            else
            {
                result.Outcome = FetchOutcome.Ok;
                body = read.Body;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            result.Outcome = FetchOutcome.Timeout;
            result.ErrorDetail = $"no complete response within {settings.RequestTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            result.Outcome = FetchOutcome.TlsError;
            result.ErrorDetail = e.Message;
        }
        catch (HttpRequestException e)
        {
            result.Outcome = FetchOutcome.ConnectionError;
            result.ErrorDetail = e.Message;
        }
        catch (IOException e)
        {
            result.Outcome = FetchOutcome.ConnectionError;
            result.ErrorDetail = e.Message;
        }

        var total = time.GetElapsedTime(started);
        result.Timings.Total = Duration.FromTimeSpan(total);
        return new Fetch(result, body, total);
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
