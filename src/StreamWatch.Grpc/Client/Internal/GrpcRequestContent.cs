using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using StreamWatch.Buffers;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Client.Internal;

/// <summary>
/// The request body of a call. For a single request, the framed message already serialized into a
/// pooled buffer; for a request stream, a <see cref="PipeWriter"/> over the HTTP/2 request stream
/// that the call writes into until it completes (full duplex: the response can arrive meanwhile).
/// </summary>
internal sealed class GrpcRequestContent : HttpContent
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocolConstants.GrpcContentType);

    private readonly PooledBufferWriter? _single;
    private readonly TaskCompletionSource<PipeWriter>? _writer;
    private readonly TaskCompletionSource? _completed;
    private int _singleReleased;

    private GrpcRequestContent(PooledBufferWriter? single, bool streaming)
    {
        _single = single;
        if (streaming)
        {
            _writer = new TaskCompletionSource<PipeWriter>(TaskCreationOptions.RunContinuationsAsynchronously);
            _completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Headers.ContentType = GrpcContentType;
    }

    /// <summary>Resolves when the handler hands over the request stream.</summary>
    public Task<PipeWriter> Writer => _writer!.Task;

    public static GrpcRequestContent ForSingleMessage(PooledBufferWriter framed) => new(framed, streaming: false);

    public static GrpcRequestContent ForStream() => new(null, streaming: true);

    /// <summary>Ends the request stream (END_STREAM).</summary>
    public void CompleteStream() => _completed?.TrySetResult();

    /// <summary>Abandons the request stream: pending and later writes fail with <paramref name="exception"/>.</summary>
    public void Abort(Exception exception)
    {
        _writer?.TrySetException(exception);
        _completed?.TrySetException(exception);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_single is not null)
        {
            try
            {
                await stream.WriteAsync(_single.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ReleaseSingle();
            }

            return;
        }

        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
        if (!_writer!.TrySetResult(writer))
        {
            // Aborted before the handler got here.
            await _completed!.Task.ConfigureAwait(false);
            return;
        }

        using (cancellationToken.UnsafeRegister(static state => ((GrpcRequestContent)state!).Abort(new OperationCanceledException()), this))
        {
            await _completed!.Task.ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseSingle();
        }

        base.Dispose(disposing);
    }

    private void ReleaseSingle()
    {
        if (_single is not null && Interlocked.Exchange(ref _singleReleased, 1) == 0)
        {
            _single.Dispose();
        }
    }
}
