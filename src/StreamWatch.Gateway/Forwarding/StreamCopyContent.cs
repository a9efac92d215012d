using System.Buffers;
using System.Net;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// The client's request body as upstream content: copied chunk by chunk as it arrives, flushed after
/// every chunk, never buffered whole. Remembers why reading the client failed, so the forwarder can
/// tell a client's fault (aborted, body too large) from the upstream's.
/// </summary>
internal sealed class StreamCopyContent(Stream source) : HttpContent
{
    private const int BufferSize = 16 * 1024;

    /// <summary>The exception reading the client's body threw, if it did.</summary>
    public Exception? SourceFailure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    SourceFailure = ex;
                    throw;
                }

                if (read == 0)
                {
                    return;
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
