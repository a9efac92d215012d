using System.Threading.Channels;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>
/// The engine's events for the event stream. The engine calls sinks under its lock, so this only
/// enqueues (never blocks): the queue is bounded and drops its oldest item when full, which costs
/// at most an <c>alert</c> event, never state, because <see cref="StatusEventHub"/> re-diffs every
/// stream on its health check.
/// </summary>
internal sealed class StatusEventFeed : IAlertEventSink
{
    private const int Capacity = 16_384;

    private readonly Channel<FeedItem> _items = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public ChannelReader<FeedItem> Reader => _items.Reader;

    public void OnTransition(AlertTransition transition) => _items.Writer.TryWrite(new FeedItem(FeedItemKind.Transition, transition, null));

    public void OnIncident(Incident incident) => _items.Writer.TryWrite(new FeedItem(FeedItemKind.Incident, null, incident));

    /// <summary>Asks the hub to re-check health (<see cref="FeedItemKind.HealthCheck"/>) or send a heartbeat.</summary>
    public void Post(FeedItemKind kind) => _items.Writer.TryWrite(new FeedItem(kind, null, null));
}

/// <summary>What the hub has to do.</summary>
internal enum FeedItemKind
{
    Transition,
    Incident,
    HealthCheck,
    Heartbeat,
}

/// <summary>One item of <see cref="StatusEventFeed"/>.</summary>
internal readonly record struct FeedItem(FeedItemKind Kind, AlertTransition? Transition, Incident? Incident);
