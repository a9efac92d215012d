using System.Globalization;
using System.Net;
using System.Text.Json;
using StreamWatch.Cli.Fetching;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// Reads the gateway's <c>GET /api/v1/status</c> and <c>GET /api/v1/alerts?state=firing</c> (CONTRACTS.md), each bounded
/// by its own deadline so a stuck gateway delays one poll, never the drill.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    /// <summary>Longest wait for one gateway request: 2 seconds (polls come every 250 ms; a slower answer is a finding).</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public GatewayClient(Uri gateway, FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(options);
        Address = gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
        _timeout = options.RequestTimeout < MaxRequestTimeout ? options.RequestTimeout : MaxRequestTimeout;
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout < _timeout ? options.ConnectTimeout : _timeout, UseCookies = false }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    /// <summary>The gateway's base address, ending in a slash.</summary>
    public Uri Address { get; }

    /// <summary>One poll: both endpoints at once. Either the stream's status and the firing alerts, or why not.</summary>
    public async Task<GatewayPoll> PollAsync(string streamId, CancellationToken cancellationToken)
    {
        var status = GetAsync("api/v1/status", cancellationToken);
        var alerts = GetAsync("api/v1/alerts?state=firing", cancellationToken);
        var (statusBody, statusFailure) = await status.ConfigureAwait(false);
        var (alertsBody, alertsFailure) = await alerts.ConfigureAwait(false);
        if ((statusFailure ?? alertsFailure) is { } failure)
        {
            return new GatewayPoll(null, null, failure);
        }

        try
        {
            return new GatewayPoll(GatewayJson.ParseStatus(statusBody, streamId), GatewayJson.ParseAlerts(alertsBody), null);
        }
        catch (JsonException ex)
        {
            return new GatewayPoll(null, null, $"the gateway's answer is not the status/alerts JSON of CONTRACTS.md: {ex.Message}");
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<(byte[] Body, string? Failure)> GetAsync(string path, CancellationToken cancellationToken)
    {
        var url = new Uri(Address, path);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return ([], string.Create(CultureInfo.InvariantCulture, $"GET {url.PathAndQuery} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            }

            return (await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], $"GET {url.PathAndQuery} did not answer within {DurationSyntax.Format(_timeout)}");
        }
        catch (HttpRequestException ex)
        {
            return ([], $"cannot reach the gateway at {Address}: {ex.Message}");
        }
    }
}
