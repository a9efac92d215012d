using System.Threading.Channels;

namespace StreamWatch.Alerting.Apis;

/// <summary>One event-stream client: a bounded queue of encoded frames. When it is full the client is too slow and is dropped (the queue completes; the client reconnects and gets a fresh snapshot).</summary>
internal sealed class StatusEventSubscriber(int capacity)
{
    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ChannelReader<ReadOnlyMemory<byte>> Reader => _frames.Reader;

    /// <summary>True once dropped for being slow.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Queues a frame without waiting; false (and the subscriber completed) when its queue is full.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> frame)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            return true;
        }

        Dropped = true;
        _frames.Writer.TryComplete();
        return false;
    }

    public void Complete() => _frames.Writer.TryComplete();
}
