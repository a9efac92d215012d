using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;
using StreamWatch.Media.Http;

namespace StreamWatch.Cli.Fetching;

/// <summary>
/// Fetches manifests over HTTP(S) or from disk with bounded time and memory. One instance owns one
/// <see cref="HttpClient"/> for the whole command, so connections (and HTTP/2 streams) are reused
/// across the playlists of a stream and across polls.
/// </summary>
internal sealed class ManifestFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;

    public ManifestFetcher(FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Limits);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRedirects, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Limits.MaxManifestBytes, 1);
        _options = options;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = options.MaxRedirects,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            UseCookies = false,
            // A watch runs for hours against CDNs whose DNS moves; recycle connections so it follows.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            // Timeouts are applied per request (RequestTimeout) so a timeout is told apart from Ctrl+C.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("StreamWatch", Version));
        _client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.apple.mpegurl, application/x-mpegurl, application/dash+xml, */*;q=0.8");
    }

    /// <summary>The product version sent in <c>User-Agent: StreamWatch/&lt;version&gt;</c>.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>Fetches <paramref name="url"/> (http, https or file). Never throws for network or file problems.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<FetchResult> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsFile)
        {
            return ReadFileAsync(url, cancellationToken);
        }

        if (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        {
            return GetAsync(url, cancellationToken);
        }

        return Task.FromResult(FetchResult.Failed(url, FetchFailureKind.UnsupportedScheme, $"unsupported URL scheme '{url.Scheme}'"));
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchResult> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var finalUrl = response.RequestMessage?.RequestUri ?? url;
            if (!response.IsSuccessStatusCode)
            {
                var reason = status is >= 300 and < 400
                    ? $"HTTP {status}: more than {_options.MaxRedirects} redirects or a redirect that cannot be followed"
                    : $"HTTP {StatusText(response)}";
                return FetchResult.Failed(url, FetchFailureKind.HttpStatus, reason, status);
            }

            var limit = _options.Limits.MaxManifestBytes;
            var announced = response.Content.Headers.ContentLength;
            if (announced > limit && response.Content.Headers.ContentEncoding.Count == 0)
            {
                return TooLarge(url, status, announced.Value);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var body = (await BoundedBody.ReadAsync(stream, limit, announced, keep: true, timeout.Token).ConfigureAwait(false)).Body;
                return body is null ? TooLarge(url, status, null) : FetchResult.Success(url, finalUrl, body, status, response.Content.Headers.ContentType?.MediaType);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own deadline, or SocketsHttpHandler's ConnectTimeout (which surfaces as a cancellation).
            var what = timeout.IsCancellationRequested
                ? $"no complete response within {Seconds(_options.RequestTimeout)}"
                : $"no connection within {Seconds(_options.ConnectTimeout)}";
            return FetchResult.Failed(url, FetchFailureKind.Timeout, $"timed out: {what}");
        }
        catch (HttpRequestException ex)
        {
            return FromHttpRequestException(url, ex);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // The connection broke or the compressed body was corrupt while reading it.
            return FetchResult.Failed(url, FetchFailureKind.Unreadable, $"the response body could not be read: {Innermost(ex).Message}");
        }
    }

    private async Task<FetchResult> ReadFileAsync(Uri url, CancellationToken cancellationToken)
    {
        var path = url.LocalPath;
        try
        {
            if (Directory.Exists(path))
            {
                return FetchResult.Failed(url, FetchFailureKind.Unreadable, $"{path} is a directory, not a file");
            }

            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                var limit = _options.Limits.MaxManifestBytes;
                long? length = file.CanSeek ? file.Length : null;
                if (length > limit)
                {
                    return TooLarge(url, null, length.Value);
                }

                var body = (await BoundedBody.ReadAsync(file, limit, length, keep: true, cancellationToken).ConfigureAwait(false)).Body;
                return body is null ? TooLarge(url, null, null) : FetchResult.Success(url, url, body, null, null);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return FetchResult.Failed(url, FetchFailureKind.FileNotFound, $"no such file: {path}");
        }
        catch (UnauthorizedAccessException)
        {
            return FetchResult.Failed(url, FetchFailureKind.Unreadable, $"permission denied: {path}");
        }
        catch (IOException ex)
        {
            return FetchResult.Failed(url, FetchFailureKind.Unreadable, $"cannot read {path}: {ex.Message}");
        }
    }

    private FetchResult TooLarge(Uri url, int? status, long? announced)
    {
        var limit = _options.Limits.MaxManifestBytes.ToString("N0", CultureInfo.InvariantCulture);
        var reason = announced is { } length
            ? $"the body is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes, over the {limit}-byte manifest limit"
            : $"the body is over the {limit}-byte manifest limit";
        return FetchResult.Failed(url, FetchFailureKind.TooLarge, reason, status);
    }

    private static FetchResult FromHttpRequestException(Uri url, HttpRequestException ex)
    {
        var endpoint = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}";
        var detail = Innermost(ex).Message;
        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => FetchResult.Failed(url, FetchFailureKind.NameResolution, $"cannot resolve host '{url.Host}': {detail}"),
            HttpRequestError.SecureConnectionError => FetchResult.Failed(url, FetchFailureKind.Tls, $"TLS handshake with {endpoint} failed: {detail}"),
            _ when Innermost(ex) is TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut }
                => FetchResult.Failed(url, FetchFailureKind.Timeout, $"timed out connecting to {endpoint}: {detail}"),
            HttpRequestError.ConnectionError when ex.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }
                => FetchResult.Failed(url, FetchFailureKind.NameResolution, $"cannot resolve host '{url.Host}': {detail}"),
            HttpRequestError.ConnectionError => FetchResult.Failed(url, FetchFailureKind.Connection, $"cannot connect to {endpoint}: {detail}"),
            _ when Innermost(ex) is AuthenticationException => FetchResult.Failed(url, FetchFailureKind.Tls, $"TLS handshake with {endpoint} failed: {detail}"),
            _ => FetchResult.Failed(url, FetchFailureKind.Other, $"request to {endpoint} failed: {detail}"),
        };
    }

    private static string StatusText(HttpResponseMessage response)
    {
        var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(response.ReasonPhrase) ? code : $"{code} {response.ReasonPhrase}";
    }

    private static string Seconds(TimeSpan value) => $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static string ReadVersion()
    {
        var informational = typeof(ManifestFetcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(ManifestFetcher).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // "1.2.3+<commit>": the build metadata is noise in a User-Agent.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
