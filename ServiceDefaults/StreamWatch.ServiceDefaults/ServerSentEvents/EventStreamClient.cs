using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace StreamWatch.ServiceDefaults.ServerSentEvents;

/// <summary>
/// One server-sent-events client (alerting's <c>/api/v1/events</c>, the gateway's <c>/status/events</c>): a bounded
/// queue of encoded frames filled by a broadcaster that must never wait for a slow reader. When the queue is full
/// the client is too slow and is dropped: the queue completes, the response ends, and the client's EventSource
/// reconnects and starts again from a fresh snapshot.
/// </summary>
/// <param name="capacity">Frames the client may fall behind by before it is dropped.</param>
public sealed class EventStreamClient(int capacity)
{
    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>The queued frames (<see cref="ServeAsync"/> drains them; tests may read them directly).</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Reader => _frames.Reader;

    /// <summary>True once dropped for being slow.</summary>
    public bool Dropped { get; private set; }

    /// <summary>Queues a frame without waiting; false (and the client completed) when its queue is full.</summary>
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

    /// <summary>Ends the client's stream after what is queued (application stopping, hub disposed).</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>
    /// Serves the client as a <c>text/event-stream</c> response: the opening frames, then every queued frame as it
    /// comes, flushed per batch, until the queue completes or <paramref name="cancellationToken"/> fires (the client
    /// went away or the application is stopping), which ends the response quietly.
    /// </summary>
    /// <param name="context">The request to answer.</param>
    /// <param name="opening">Frames written first (e.g. <c>retry:</c> and a snapshot).</param>
    /// <param name="cancellationToken">The client's abort, linked with application stopping.</param>
    public async Task ServeAsync(HttpContext context, ReadOnlyMemory<byte> opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        try
        {
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache, no-transform";

            // Reverse proxies (nginx) must not buffer an event stream either.
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.Body.WriteAsync(opening, cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            var reader = Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    await response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the application is stopping.
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
