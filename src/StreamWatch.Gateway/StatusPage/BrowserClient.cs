using System.Threading.Channels;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>One browser's live-update connection: a bounded queue of encoded frames; when it is full the browser is too slow and is dropped (its EventSource reconnects).</summary>
internal sealed class BrowserClient(int capacity)
{
    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ChannelReader<ReadOnlyMemory<byte>> Reader => _frames.Reader;

    public bool Dropped { get; private set; }

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
