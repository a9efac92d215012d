using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using StreamWatch.ServiceDefaults.ServerSentEvents;

namespace StreamWatch.Alerting.Apis;

/// <summary>
/// Turns engine events and health changes into server-sent event frames and fans them out to every
/// <c>GET /api/v1/events</c> client. One background loop encodes each event once; each client has
/// its own bounded queue, so a slow client is dropped instead of slowing the others or the engine.
/// Events: <c>snapshot</c> (<see cref="StatusResponse"/>, first on every connection),
/// <c>stream</c> (<see cref="StreamStatus"/>, when what a stream shows changed), <c>alert</c>
/// (<see cref="AlertChange"/>), <c>incident</c> (<see cref="IncidentView"/>); ids increase by one
/// per frame; a comment line every <see cref="StatusApiOptions.HeartbeatInterval"/>.
/// Metrics (meter <c>StreamWatch.Alerting</c>): <c>streamwatch_status_event_clients</c> (gauge) and
/// <c>streamwatch_status_event_clients_dropped_total</c> (slow clients dropped).
/// </summary>
internal sealed partial class StatusEventHub(
    StatusEventFeed feed,
    StatusSnapshotBuilder builder,
    TimeProvider time,
    IOptions<StatusApiOptions> options,
    IMeterFactory meters,
    ILogger<StatusEventHub> logger) : BackgroundService
{
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    private readonly StatusApiOptions _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
    private readonly Lock _gate = new();
    private readonly List<EventStreamClient> _subscribers = [];
    private readonly Dictionary<string, string> _signatures = new(StringComparer.Ordinal);
    private long _sequence;
    private Counter<long>? _dropped;

    /// <summary>Clients connected now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Registers a client; null when <see cref="StatusApiOptions.MaxClients"/> are connected.</summary>
    public EventStreamClient? Subscribe()
    {
        lock (_gate)
        {
            if (_subscribers.Count >= _options.MaxClients)
            {
                return null;
            }

            var subscriber = new EventStreamClient(_options.ClientQueueCapacity);
            _subscribers.Add(subscriber);
            return subscriber;
        }
    }

    public void Unsubscribe(EventStreamClient subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }

        subscriber.Complete();
    }

    /// <summary>The first frames of a connection: the <c>retry:</c> field and a <c>snapshot</c> event.</summary>
    public byte[] OpeningFrames(StatusResponse snapshot)
    {
        var retry = "retry: " + ((long)_options.ReconnectDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "\n\n";
        var frame = Encode("snapshot", snapshot, StatusJsonContext.Default.StatusResponse);
        var bytes = new byte[Encoding.UTF8.GetByteCount(retry) + frame.Length];
        var written = Encoding.UTF8.GetBytes(retry, bytes);
        frame.CopyTo(bytes.AsSpan(written));
        return bytes;
    }

    /// <summary>Sends <paramref name="frame"/> to every client, dropping those whose queue is full. Never waits.</summary>
    internal void Broadcast(ReadOnlyMemory<byte> frame)
    {
        List<EventStreamClient>? slow = null;
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.TryEnqueue(frame))
                {
                    (slow ??= []).Add(subscriber);
                }
            }

            if (slow is not null)
            {
                foreach (var subscriber in slow)
                {
                    _subscribers.Remove(subscriber);
                }
            }
        }

        if (slow is not null)
        {
            _dropped?.Add(slow.Count);
            Log.SlowClientsDropped(logger, slow.Count, _options.ClientQueueCapacity);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create("StreamWatch.Alerting");
        meter.CreateObservableGauge("status.event_clients", () => ClientCount, description: "Clients of GET /api/v1/events connected now.");
        _dropped = meter.CreateCounter<long>("status.event_clients_dropped", description: "Event-stream clients dropped because their queue was full.");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var healthTimer = time.CreateTimer(static state => ((StatusEventFeed)state!).Post(FeedItemKind.HealthCheck), feed, _options.HealthCheckInterval, _options.HealthCheckInterval);
        using var heartbeatTimer = time.CreateTimer(static state => ((StatusEventFeed)state!).Post(FeedItemKind.Heartbeat), feed, _options.HeartbeatInterval, _options.HeartbeatInterval);
        Diff(builder.BuildStatus(), announce: false);
        var reader = feed.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var rediff = false;
                while (reader.TryRead(out var item))
                {
                    try
                    {
                        rediff |= Handle(item);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        // One bad event must not end live updates for everybody.
                        Log.EventFailed(logger, exception, item.Kind);
                    }
                }

                if (rediff)
                {
                    Diff(builder.BuildStatus(), announce: true);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Complete();
                }

                _subscribers.Clear();
            }
        }
    }

    private bool Handle(FeedItem item)
    {
        switch (item.Kind)
        {
            case FeedItemKind.Transition when item.Transition is { } transition:
                var change = new AlertChange(StatusNames.Of(transition.From), StatusNames.Of(transition.To), transition.At, StatusSnapshotBuilder.ToView(transition.Alert));
                Broadcast(Encode("alert", change, StatusJsonContext.Default.AlertChange));
                return true;

            case FeedItemKind.Incident when item.Incident is { } incident:
                var view = new IncidentView(incident.Id, incident.OpenedAt, incident.ClosedAt, incident.Stream, [], []);
                Broadcast(Encode("incident", view, StatusJsonContext.Default.IncidentView));
                return true;

            case FeedItemKind.HealthCheck:
                return true;

            case FeedItemKind.Heartbeat:
                Broadcast(Heartbeat);
                return false;

            default:
                return false;
        }
    }

    /// <summary>Sends a <c>stream</c> event for every stream whose state, CDN states, alerts or incident changed since last sent.</summary>
    private void Diff(StatusResponse status, bool announce)
    {
        foreach (var stream in status.Streams)
        {
            var signature = Signature(stream);
            if (_signatures.TryGetValue(stream.Id, out var previous) && string.Equals(previous, signature, StringComparison.Ordinal))
            {
                continue;
            }

            _signatures[stream.Id] = signature;
            builder.MarkChanged(stream.Id, status.UpdatedAt);
            if (announce)
            {
                Broadcast(Encode("stream", stream with { UpdatedAt = status.UpdatedAt }, StatusJsonContext.Default.StreamStatus));
            }
        }
    }

    /// <summary>What a viewer of the stream would notice: scores only to one decimal, so noise does not flood clients.</summary>
    private static string Signature(StreamStatus stream)
    {
        var text = new StringBuilder(128).Append(stream.State);
        foreach (var cdn in stream.Cdns)
        {
            text.Append('|').Append(cdn.Cdn).Append(':').Append(cdn.State).Append(':').Append(Math.Round(cdn.Score, 1).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var alert in stream.Alerts)
        {
            text.Append('|').Append(alert.Fingerprint).Append(':').Append(alert.State).Append(':').Append(alert.Suppression).Append(':').Append(alert.Acknowledgement is null ? '-' : 'a');
        }

        return text.Append('|').Append(stream.Incident?.Id).ToString();
    }

    private byte[] Encode<T>(string name, T value, JsonTypeInfo<T> type)
    {
        var id = Interlocked.Increment(ref _sequence);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var head = "id: " + id.ToString(CultureInfo.InvariantCulture) + "\nevent: " + name + "\ndata: ";
        var frame = new byte[Encoding.UTF8.GetByteCount(head) + json.Length + 2];
        var written = Encoding.UTF8.GetBytes(head, frame);
        json.CopyTo(frame.AsSpan(written));
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3400, Level = LogLevel.Warning, Message = "Dropped {Count} event-stream client(s) whose queue of {Capacity} frames was full; they reconnect and get a snapshot")]
        public static partial void SlowClientsDropped(ILogger logger, int count, int capacity);

        [LoggerMessage(EventId = 3401, Level = LogLevel.Error, Message = "Status event of kind {Kind} could not be sent")]
        public static partial void EventFailed(ILogger logger, Exception exception, FeedItemKind kind);
    }
}
