using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using StreamWatch.Cli.Fetching;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// Calls the Lab's control API (<c>GET /lab/streams</c>, <c>POST /lab/faults</c>, <c>DELETE /lab/faults/{id}</c>).
/// Manifests are not fetched here: the drill watches them with the watch command's <see cref="ManifestFetcher"/>.
/// </summary>
internal sealed class LabClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _lab;
    private readonly TimeSpan _requestTimeout;

    public LabClient(Uri lab, FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(options);
        _lab = lab.AbsoluteUri.EndsWith('/') ? lab : new Uri(lab.AbsoluteUri + "/");
        _requestTimeout = options.RequestTimeout;
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, UseCookies = false }, disposeHandler: true)
        {
            // Per-request deadlines (below) tell a slow Lab apart from Ctrl+C.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Reads <c>GET /lab/streams</c>.</summary>
    public async Task<LabCallResult<LabCatalog>> GetCatalogAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, "lab/streams", null, _requestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Failure is not null)
        {
            return LabCallResult<LabCatalog>.Failed(response.Failure);
        }

        if (response.Status != HttpStatusCode.OK)
        {
            return LabCallResult<LabCatalog>.Failed($"GET {_lab}lab/streams answered HTTP {(int)response.Status}: is {_lab} a StreamWatch Lab?");
        }

        try
        {
            using var json = JsonDocument.Parse(response.Body);
            var root = json.RootElement;
            var cdns = Strings(root.GetProperty("cdns"));
            var renditions = Strings(root.GetProperty("renditions"));
            var streams = new Dictionary<string, IReadOnlyDictionary<string, Uri>>(StringComparer.Ordinal);
            foreach (var stream in root.GetProperty("streams").EnumerateArray())
            {
                var sources = new Dictionary<string, Uri>(StringComparer.Ordinal);
                foreach (var source in stream.GetProperty("sources").EnumerateArray())
                {
                    sources[source.GetProperty("cdn").GetString()!] = new Uri(source.GetProperty("hls").GetString()!, UriKind.Absolute);
                }

                // The origin every CDN pulls from (Labs since origin attribution); drillable as --cdn origin.
                if (stream.TryGetProperty("origin", out var origin) && origin.ValueKind == JsonValueKind.Object)
                {
                    sources[origin.GetProperty("cdn").GetString()!] = new Uri(origin.GetProperty("hls").GetString()!, UriKind.Absolute);
                }

                streams[stream.GetProperty("id").GetString()!] = sources;
            }

            return LabCallResult<LabCatalog>.Ok(new LabCatalog(cdns, renditions, streams));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException)
        {
            return LabCallResult<LabCatalog>.Failed($"GET {_lab}lab/streams did not return the Lab's stream list: {ex.Message}");
        }
    }

    /// <summary>
    /// Posts a fault (a JSON object) and returns its id. A refusal carries the Lab's problem detail verbatim,
    /// so the fields it names reach the user unchanged.
    /// </summary>
    public async Task<LabCallResult<string>> InjectAsync(byte[] faultJson, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, "lab/faults", faultJson, _requestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Failure is not null)
        {
            return LabCallResult<string>.Failed(response.Failure);
        }

        var body = Encoding.UTF8.GetString(response.Body);
        if (response.Status != HttpStatusCode.Created)
        {
            return LabCallResult<string>.Failed(string.Create(CultureInfo.InvariantCulture, $"the Lab refused the fault (HTTP {(int)response.Status}): {body}"));
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("id").GetString() is { Length: > 0 } id
                ? LabCallResult<string>.Ok(id)
                : LabCallResult<string>.Failed($"the Lab created a fault without an id: {body}");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return LabCallResult<string>.Failed($"the Lab's answer to POST /lab/faults is not a fault: {body}");
        }
    }

    /// <summary>Deletes fault <paramref name="id"/>; a fault already gone (expired) counts as deleted. Null on success, else the reason.</summary>
    public async Task<string?> DeleteAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Delete, "lab/faults/" + Uri.EscapeDataString(id), null, timeout, cancellationToken).ConfigureAwait(false);
        return response.Failure ?? (response.Status is HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.NotFound
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"DELETE {_lab}lab/faults/{id} answered HTTP {(int)response.Status}"));
    }

    public void Dispose() => _client.Dispose();

    private async Task<Response> SendAsync(HttpMethod method, string path, byte[]? json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri(_lab, path);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (json is not null)
            {
                request.Content = new ByteArrayContent(json);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }

            using var response = await _client.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            return new Response(response.StatusCode, body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Response(default, [], $"the Lab at {_lab} did not answer {method} {url.AbsolutePath} within {DurationSyntax.Format(timeout)}");
        }
        catch (HttpRequestException ex)
        {
            return new Response(default, [], $"cannot reach the Lab at {_lab}: {ex.Message}");
        }
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];

    private sealed record Response(HttpStatusCode Status, byte[] Body, string? Failure);
}
