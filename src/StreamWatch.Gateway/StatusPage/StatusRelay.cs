using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.ServerSentEvents;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>
/// Keeps ONE server-sent-event subscription to alerting (<c>GET /api/v1/events</c>) whatever the
/// number of browsers, holds the resulting <see cref="StatusView"/>, and fans changes out to every
/// browser of <c>GET /status/events</c> as ready-rendered HTML fragments (each encoded once). The
/// upstream stream is reconnected with exponential backoff and jitter; alerting then sends a fresh
/// snapshot, so nothing is missed. Each browser has a bounded queue; a slow one is dropped, and
/// its EventSource reconnects by itself. Metrics (meter <c>StreamWatch.Gateway</c>):
/// <c>streamwatch_status_page_browsers</c> (gauge), <c>streamwatch_status_page_upstream_connected</c>
/// (gauge, 0/1) and <c>streamwatch_status_page_browsers_dropped_total</c>.
/// </summary>
internal sealed partial class StatusRelay : BackgroundService
{
    /// <summary>The HttpClient for the long-lived event stream (no resilience timeouts).</summary>
    public const string EventsClient = "StatusPage.Events";

    /// <summary>The HttpClient for history reads (standard resilience).</summary>
    public const string ApiClient = "StatusPage.Api";

    private static readonly byte[] HeartbeatFrame = ": heartbeat\n\n"u8.ToArray();

    private readonly IHttpClientFactory _http;
    private readonly StatusPageOptions _options;
    private readonly StatusPageRenderer _renderer;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusRelay> _logger;
    private readonly Uri? _upstream;
    private readonly TaskCompletionSource _firstSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<bool> _historyWanted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _viewGate = new();
    private readonly Lock _clientsGate = new();
    private readonly List<EventStreamClient> _clients = [];
    private StatusView _view;
    private readonly Counter<long> _dropped;
    private long _sequence;

    public StatusRelay(IHttpClientFactory http, IConfiguration configuration, IOptions<StatusPageOptions> options, StatusPageRenderer renderer, TimeProvider time, IMeterFactory meters, ILogger<StatusRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create("StreamWatch.Gateway");
        meter.CreateObservableGauge("status_page.browsers", () => ClientCount, description: "Browsers following GET /status/events now.");
        meter.CreateObservableGauge("status_page.upstream_connected", () => View.Live ? 1 : 0, description: "1 while the relay follows alerting's event stream, else 0.");
        _dropped = meter.CreateCounter<long>("status_page.browsers_dropped", description: "Browsers dropped because their queue was full.");
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var address = configuration[StatusPageOptions.AlertingAddressKey];
        if (!string.IsNullOrWhiteSpace(address))
        {
            _upstream = Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new OptionsValidationException(StatusPageOptions.AlertingAddressKey, typeof(StatusPageOptions), [$"{StatusPageOptions.AlertingAddressKey} must be an absolute http(s) URL (was '{address}')."]);
        }

        _view = new StatusView(_upstream is not null, Live: false, time.GetUtcNow(), [], new Dictionary<string, IReadOnlyList<UpstreamHistoryEntry>>(StringComparer.Ordinal));
    }

    /// <summary>What the page shows now.</summary>
    public StatusView View => Volatile.Read(ref _view);

    /// <summary>Browsers connected now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_clientsGate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>The view, after waiting up to <see cref="StatusPageOptions.FirstPaintWait"/> for the first upstream snapshot (only right after start).</summary>
    public async Task<StatusView> WaitForViewAsync(CancellationToken cancellationToken)
    {
        if (_upstream is not null && !_firstSnapshot.Task.IsCompleted)
        {
            try
            {
                await _firstSnapshot.Task.WaitAsync(_options.FirstPaintWait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await ReadStatusOnceAsync(_upstream, cancellationToken).ConfigureAwait(false);
            }
        }

        return View;
    }

    /// <summary>
    /// The first paint must not depend on the event stream being up yet (a busy start): read
    /// <c>GET /api/v1/status</c> once instead. On failure the page renders without streams, says
    /// it is reconnecting, and fills in live.
    /// </summary>
    private async Task ReadStatusOnceAsync(Uri upstream, CancellationToken cancellationToken)
    {
        try
        {
            var client = _http.CreateClient(ApiClient);
            var status = await client.GetFromJsonAsync(new Uri(upstream, "api/v1/status"), StatusPageJsonContext.Default.UpstreamStatus, cancellationToken).ConfigureAwait(false);
            if (status is null)
            {
                return;
            }

            lock (_viewGate)
            {
                if (!_firstSnapshot.Task.IsCompleted)
                {
                    _view = _view with { UpdatedAt = status.UpdatedAt, Streams = [.. status.Streams ?? []] };
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.StatusReadFailed(_logger, upstream, exception.Message);
        }
    }

    public EventStreamClient? Subscribe()
    {
        lock (_clientsGate)
        {
            if (_clients.Count >= _options.MaxClients)
            {
                return null;
            }

            var client = new EventStreamClient(_options.ClientQueueCapacity);
            _clients.Add(client);
            return client;
        }
    }

    public void Unsubscribe(EventStreamClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_clientsGate)
        {
            _clients.Remove(client);
        }

        client.Complete();
    }

    /// <summary>The first frames for a browser: <c>retry:</c> and a <c>snapshot</c> of the whole page body.</summary>
    public byte[] OpeningFrames()
    {
        var retry = Encoding.UTF8.GetBytes("retry: " + ((long)_options.ClientRetry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "\n\n");
        var snapshot = SnapshotFrame(View);
        return [.. retry, .. snapshot];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var heartbeat = _time.CreateTimer(static state => ((StatusRelay)state!).Broadcast(HeartbeatFrame), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        if (_upstream is null)
        {
            Log.NotConfigured(_logger, StatusPageOptions.AlertingAddressKey);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            return;
        }

        var history = RefreshHistoriesAsync(stoppingToken);
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await FollowUpstreamAsync(_upstream, stoppingToken).ConfigureAwait(false))
                    {
                        failures = 0;
                    }

                    Log.UpstreamEnded(_logger, _upstream);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.UpstreamFailed(_logger, _upstream, exception.GetType().Name, exception.Message);
                }

                SetLive(false);
                var delay = Backoff(failures++);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _historyWanted.Writer.TryComplete();
            await history.ConfigureAwait(false);
            lock (_clientsGate)
            {
                foreach (var client in _clients)
                {
                    client.Complete();
                }

                _clients.Clear();
            }
        }
    }

    /// <summary>Reads the upstream event stream until it ends; true when it delivered a snapshot (the connection worked).</summary>
    private async Task<bool> FollowUpstreamAsync(Uri upstream, CancellationToken stoppingToken)
    {
        using var idle = new CancellationTokenSource(_options.UpstreamIdleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, idle.Token);
        var client = _http.CreateClient(EventsClient);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(upstream, "api/v1/events"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), Encoding.UTF8);
        Log.UpstreamConnected(_logger, upstream);

        var gotSnapshot = false;
        string? name = null;
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                Log.UpstreamIdle(_logger, upstream, _options.UpstreamIdleTimeout);
                return gotSnapshot;
            }

            if (line is null)
            {
                return gotSnapshot;
            }

            idle.CancelAfter(_options.UpstreamIdleTimeout);
            if (line.Length == 0)
            {
                if (name is not null && data.Length > 0)
                {
                    try
                    {
                        gotSnapshot |= Dispatch(name, data.ToString());
                    }
                    catch (JsonException exception)
                    {
                        // A malformed event is skipped, not fatal: the next snapshot or stream event repairs the view.
                        Log.BadUpstreamEvent(_logger, name, exception.Message);
                    }
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
    }

    /// <summary>Applies one upstream event; true for a snapshot.</summary>
    private bool Dispatch(string name, string data)
    {
        switch (name)
        {
            case "snapshot":
                var status = JsonSerializer.Deserialize(data, StatusPageJsonContext.Default.UpstreamStatus);
                if (status is null)
                {
                    return false;
                }

                StatusView snapshot;
                lock (_viewGate)
                {
                    snapshot = _view = _view with { Live = true, UpdatedAt = status.UpdatedAt, Streams = [.. status.Streams ?? []] };
                }

                Broadcast(SnapshotFrame(snapshot));
                _firstSnapshot.TrySetResult();
                _historyWanted.Writer.TryWrite(true);
                return true;

            case "stream":
                var stream = JsonSerializer.Deserialize(data, StatusPageJsonContext.Default.UpstreamStream);
                if (stream is null || string.IsNullOrEmpty(stream.Id))
                {
                    return false;
                }

                StatusView view;
                lock (_viewGate)
                {
                    var streams = new List<UpstreamStream>(_view.Streams);
                    var index = streams.FindIndex(s => string.Equals(s.Id, stream.Id, StringComparison.Ordinal));
                    if (index >= 0)
                    {
                        streams[index] = stream;
                    }
                    else
                    {
                        streams.Add(stream);
                    }

                    view = _view = _view with { UpdatedAt = stream.UpdatedAt > _view.UpdatedAt ? stream.UpdatedAt : _view.UpdatedAt, Streams = streams };
                }

                Broadcast(CardFrame(view, stream));
                return false;

            case "alert":
                var change = JsonSerializer.Deserialize(data, StatusPageJsonContext.Default.UpstreamAlertChange);
                if (change?.Alert is { Stream: { Length: > 0 } id } alert && (change.To == "firing" || change.From == "firing"))
                {
                    // Kept so the 24-hour bar is current before the stream event that follows renders it.
                    var entry = new UpstreamHistoryEntry(change.At, alert.Fingerprint, alert.Severity, change.From, change.To);
                    lock (_viewGate)
                    {
                        var old = _view.HistoryOf(id);
                        var updated = new List<UpstreamHistoryEntry>(Math.Min(old.Count + 1, _options.HistoryEntries)) { entry };
                        for (var i = 0; i < old.Count && updated.Count < _options.HistoryEntries; i++)
                        {
                            updated.Add(old[i]);
                        }

                        _view = _view with { Histories = new Dictionary<string, IReadOnlyList<UpstreamHistoryEntry>>(_view.Histories, StringComparer.Ordinal) { [id] = updated } };
                    }
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary>Reads each stream's history for the 24-hour bars after every snapshot and every <see cref="StatusPageOptions.HistoryRefreshInterval"/>.</summary>
    private async Task RefreshHistoriesAsync(CancellationToken stoppingToken)
    {
        using var periodic = _time.CreateTimer(static state => ((Channel<bool>)state!).Writer.TryWrite(true), _historyWanted, _options.HistoryRefreshInterval, _options.HistoryRefreshInterval);
        try
        {
            while (await _historyWanted.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _historyWanted.Reader.TryRead(out _);
                var client = _http.CreateClient(ApiClient);
                var histories = new Dictionary<string, IReadOnlyList<UpstreamHistoryEntry>>(StringComparer.Ordinal);
                foreach (var stream in View.Streams)
                {
                    try
                    {
                        var uri = new Uri(_upstream!, "api/v1/streams/" + Uri.EscapeDataString(stream.Id) + "?history=" + _options.HistoryEntries.ToString(CultureInfo.InvariantCulture));
                        var detail = await client.GetFromJsonAsync(uri, StatusPageJsonContext.Default.UpstreamStreamDetail, stoppingToken).ConfigureAwait(false);
                        histories[stream.Id] = detail?.History ?? [];
                    }
                    catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                    {
                        Log.HistoryFailed(_logger, stream.Id, exception.Message);
                    }
                }

                if (histories.Count == 0)
                {
                    continue;
                }

                StatusView view;
                lock (_viewGate)
                {
                    var merged = new Dictionary<string, IReadOnlyList<UpstreamHistoryEntry>>(_view.Histories, StringComparer.Ordinal);
                    foreach (var (id, history) in histories)
                    {
                        merged[id] = history;
                    }

                    view = _view = _view with { Histories = merged };
                }

                Broadcast(SnapshotFrame(view));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void SetLive(bool live)
    {
        lock (_viewGate)
        {
            if (_view.Live == live)
            {
                return;
            }

            _view = _view with { Live = live };
        }

        Broadcast(Encode("connection", new PageConnection(live), StatusPageJsonContext.Default.PageConnection));
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        var capped = Math.Min(exponential, _options.ReconnectMaxDelay.TotalMilliseconds);

        // Jitter (50-100 %) so gateway replicas do not reconnect in step after an alerting restart.
#pragma warning disable CA5394 // Not security-sensitive.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
    }

    private void Broadcast(ReadOnlyMemory<byte> frame)
    {
        var dropped = 0;
        lock (_clientsGate)
        {
            for (var i = _clients.Count - 1; i >= 0; i--)
            {
                if (!_clients[i].TryEnqueue(frame))
                {
                    _clients.RemoveAt(i);
                    dropped++;
                }
            }
        }

        if (dropped > 0)
        {
            _dropped.Add(dropped);
            Log.SlowBrowsersDropped(_logger, dropped, _options.ClientQueueCapacity);
        }
    }

    private byte[] SnapshotFrame(StatusView view) => Encode(
        "snapshot",
        new PageSnapshot(StatusPageRenderer.Clock(view.UpdatedAt), StatusPageRenderer.Iso(view.UpdatedAt), view.Live, _renderer.Cards(view), _renderer.Incidents(view)),
        StatusPageJsonContext.Default.PageSnapshot);

    private byte[] CardFrame(StatusView view, UpstreamStream stream) => Encode(
        "card",
        new PageCard(
            stream.Id,
            StatusPageRenderer.Card(stream, view.HistoryOf(stream.Id), view.UpdatedAt),
            _renderer.Incidents(view),
            StatusPageRenderer.Clock(view.UpdatedAt),
            StatusPageRenderer.Iso(view.UpdatedAt),
            StatusPageRenderer.Announcement(stream)),
        StatusPageJsonContext.Default.PageCard);

    private byte[] Encode<T>(string name, T value, JsonTypeInfo<T> type)
    {
        var id = Interlocked.Increment(ref _sequence);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var head = Encoding.UTF8.GetBytes("id: " + id.ToString(CultureInfo.InvariantCulture) + "\nevent: " + name + "\ndata: ");
        return [.. head, .. json, (byte)'\n', (byte)'\n'];
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5400, Level = LogLevel.Warning, Message = "Status page: {Key} is not set; the page shows no streams")]
        public static partial void NotConfigured(ILogger logger, string key);

        [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Status page: following alerting's events at {Upstream}")]
        public static partial void UpstreamConnected(ILogger logger, Uri upstream);

        [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Status page: alerting's event stream at {Upstream} ended; reconnecting")]
        public static partial void UpstreamEnded(ILogger logger, Uri upstream);

        [LoggerMessage(EventId = 5403, Level = LogLevel.Warning, Message = "Status page: alerting's event stream at {Upstream} failed ({Error}: {Detail}); reconnecting with backoff")]
        public static partial void UpstreamFailed(ILogger logger, Uri upstream, string error, string detail);

        [LoggerMessage(EventId = 5404, Level = LogLevel.Warning, Message = "Status page: nothing from {Upstream} for {Timeout}; reconnecting")]
        public static partial void UpstreamIdle(ILogger logger, Uri upstream, TimeSpan timeout);

        [LoggerMessage(EventId = 5405, Level = LogLevel.Warning, Message = "Status page: skipped a malformed upstream '{Event}' event: {Detail}")]
        public static partial void BadUpstreamEvent(ILogger logger, string @event, string detail);

        [LoggerMessage(EventId = 5406, Level = LogLevel.Warning, Message = "Status page: history of stream {Stream} could not be read: {Detail}")]
        public static partial void HistoryFailed(ILogger logger, string stream, string detail);

        [LoggerMessage(EventId = 5407, Level = LogLevel.Warning, Message = "Status page: dropped {Count} browser(s) whose queue of {Capacity} frames was full")]
        public static partial void SlowBrowsersDropped(ILogger logger, int count, int capacity);

        [LoggerMessage(EventId = 5408, Level = LogLevel.Warning, Message = "Status page: first paint could not read {Upstream}api/v1/status: {Detail}")]
        public static partial void StatusReadFailed(ILogger logger, Uri upstream, string detail);
    }
}
