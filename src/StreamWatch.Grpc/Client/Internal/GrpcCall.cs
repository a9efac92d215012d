using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using StreamWatch.Buffers;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Client.Internal;

/// <summary>
/// One client call over one HTTP/2 stream. It is its own response stream reader; the request
/// stream writer is <see cref="RequestStream"/>. The status is settled once, by whichever comes
/// first: the server's status, a transport error, the deadline, cancellation or disposal.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : ICallState, IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _callCts;
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _statusLock = new();
    private readonly MessageCompression _requestCompression;
    private readonly string? _requestEncoding;
    private CancellationTokenRegistration _userCancellation;
    private ITimer? _deadlineTimer;
    private int _deadlineExceeded;
    private Task _responseReady = Task.CompletedTask;
    private HttpRequestMessage? _request;
    private HttpResponseMessage? _response;
    private MessageReader? _reader;
    private PipeReader? _pipeReader;
    private int _cleanedUp;
    private GrpcRequestContent? _content;
    private FramingSerializationContext? _serializer;
    // Published once, as one reference: a Status is a multi-field struct that other threads
    // (deadline timer, token callbacks, writer) read without the lock, so it must never tear.
    private volatile Outcome? _outcome;
    private TResponse? _current;
    private bool _requestCompleted;
    private volatile bool _writePending;

    public GrpcCall(Method<TRequest, TResponse> method, CallOptions options, GrpcChannel channel)
    {
        _method = method;
        _options = options;
        _channel = channel;
        _callCts = new CancellationTokenSource();
        if (options.Headers?.GetValue(GrpcProtocolConstants.CompressionRequestAlgorithmHeader) is { } encoding)
        {
            if (!string.Equals(encoding, GrpcProtocolConstants.GzipEncoding, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Request compression '{encoding}' is not supported; use 'gzip'.");
            }

            _requestEncoding = encoding;
            _requestCompression = new MessageCompression(true, CompressionLevel.Fastest);
        }

        RequestStream = new ClientStreamWriter(this);
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    private bool IsDeadlineExceeded => Volatile.Read(ref _deadlineExceeded) == 1;

    private Status? CurrentStatus => _outcome?.Status;

    private Metadata? CurrentTrailers => _outcome?.Trailers;

    public Status GetStatus() => _outcome?.Status ?? throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() => _outcome is { } outcome ? outcome.Trailers ?? Metadata.Empty : throw new InvalidOperationException("The call has not finished yet.");

    /// <summary>Starts a unary or server-streaming call: the request is serialized now, so a send-size error surfaces before anything is sent.</summary>
    public void StartWithRequest(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var framed = new PooledBufferWriter();
        try
        {
            using var serializer = new FramingSerializationContext(_channel.MaxSendMessageSize);
            var compression = (_options.WriteOptions?.Flags & WriteFlags.NoCompress) != 0 ? MessageCompression.None : _requestCompression;
            serializer.WriteMessage(framed, request, _method.RequestMarshaller, compression);
        }
        catch (RpcException ex)
        {
            framed.Dispose();
            Finish(ex.Status, null);
            return;
        }

        Start(GrpcRequestContent.ForSingleMessage(framed));
    }

    /// <summary>Starts a client-streaming or duplex call; messages follow through <see cref="RequestStream"/>.</summary>
    public void StartStreaming()
    {
        _serializer = new FramingSerializationContext(_channel.MaxSendMessageSize);
        Start(GrpcRequestContent.ForStream());
    }

    public async Task<TResponse> GetSingleResponseAsync()
    {
        try
        {
            if (!await MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                var missing = new Status(StatusCode.Internal, "Failed to deserialize response message: the response had no message.");
                Fail(missing);
                throw new RpcException(missing);
            }

            var response = _current!;
            if (await MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                var extra = new Status(StatusCode.Internal, "The response of a unary call had more than one message.");
                Fail(extra);
                throw new RpcException(extra);
            }

            return response;
        }
        finally
        {
            // The response is the whole call: whatever its outcome, nothing is left to read.
            Cleanup();
        }
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        await _responseReady.ConfigureAwait(false);
        if (_reader is null || CurrentStatus is not null)
        {
            return EndOfStream();
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).CancelByUser(), this)
            : default;
        try
        {
            var (hasMessage, message) = await _reader.ReadAsync(_method.ResponseMarshaller, _callCts.Token).ConfigureAwait(false);
            if (hasMessage)
            {
                _current = message;
                return true;
            }

            var (status, trailers) = ReadTrailers(_response!);
            if (Finish(status, trailers))
            {
                // The server has ended the call: release it now, so a caller that never disposes
                // the call (the usual `await client.XAsync(...)`) leaks nothing.
                Cleanup();
            }
        }
        catch (RpcException ex)
        {
            // A protocol error found while reading (size limit, corrupt frame): ours to report, and
            // the stream to reset. If the call had already ended, its first status stands.
            Fail(ex.Status);
        }
        catch (Exception ex)
        {
            Fail(StatusFromException(ex));
        }

        return EndOfStream();
    }

    public void Dispose()
    {
        if (CurrentStatus is null)
        {
            Fail(new Status(StatusCode.Cancelled, "gRPC call disposed."));
        }

        Cleanup();
    }

    internal async Task WriteAsync(TRequest message, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfCannotWrite();
        _writePending = true;
        try
        {
            var writer = await _content!.Writer.ConfigureAwait(false);
            ThrowIfFinished();
            var flags = (options ?? _options.WriteOptions)?.Flags ?? WriteFlags.None;
            var compression = (flags & WriteFlags.NoCompress) != 0 ? MessageCompression.None : _requestCompression;
            _serializer!.WriteMessage(writer, message, _method.RequestMarshaller, compression);
            if ((flags & WriteFlags.BufferHint) == 0)
            {
                using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callCts.Token) : null;
                await writer.FlushAsync(linked?.Token ?? _callCts.Token).ConfigureAwait(false);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && CurrentStatus is null)
        {
            Fail(ex.Status);
            throw;
        }
        catch (PayloadLengthMismatchException ex)
        {
            // Part of a corrupt frame may be buffered: reset the stream rather than send it.
            var corrupt = new Status(StatusCode.Internal, "Request message serialization failed: " + ex.Message) { DebugException = ex };
            Fail(corrupt);
            throw new RpcException(corrupt);
        }
        catch (Exception ex) when (ex is not RpcException && ex is not InvalidOperationException)
        {
            throw new RpcException(CurrentStatus ?? StatusFromException(ex));
        }
        finally
        {
            _writePending = false;
            if (Volatile.Read(ref _cleanedUp) == 1)
            {
                // The call ended during this write; Cleanup left the serializer's pooled buffers to us.
                _serializer?.Dispose();
            }
        }
    }

    internal async Task CompleteRequestAsync()
    {
        if (_requestCompleted)
        {
            return;
        }

        if (CurrentStatus is { StatusCode: not StatusCode.OK } status)
        {
            throw new RpcException(status);
        }

        _requestCompleted = true;
        try
        {
            var writer = await _content!.Writer.ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            _content.CompleteStream();
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(CurrentStatus ?? StatusFromException(ex));
        }
    }

    private void Start(GrpcRequestContent content)
    {
        _content = content;
        if (CurrentStatus is not null)
        {
            return;
        }

        TimeSpan? timeout = null;
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - _channel.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                // Already past: fail without sending, as the spec allows.
                Interlocked.Exchange(ref _deadlineExceeded, 1);
                Finish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
                return;
            }

            timeout = remaining;
            if (remaining <= TimeSpan.FromMilliseconds(uint.MaxValue - 1))
            {
                _deadlineTimer = _channel.TimeProvider.CreateTimer(static state => ((GrpcCall<TRequest, TResponse>)state!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
            }
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = _options.CancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).CancelByUser(), this);
        }

        _request = CreateRequest(content, timeout);
        ClientLog.StartingCall(_channel.Logger, _method.FullName, _channel.Address);
        _responseReady = SendAsync(_request);
    }

    private HttpRequestMessage CreateRequest(GrpcRequestContent content, TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcProtocolConstants.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.MessageAcceptEncodingHeader, GrpcProtocolConstants.SupportedAcceptEncoding);
        if (timeout is { } value)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(value));
        }

        if (_requestEncoding is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.MessageEncodingHeader, _requestEncoding);
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (entry.Key == GrpcProtocolConstants.CompressionRequestAlgorithmHeader || GrpcProtocolConstants.IsReservedHeader(entry.Key))
                {
                    continue;
                }

                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
            }
        }

        return request;
    }

    private async Task SendAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _callCts.Token).ConfigureAwait(false);
            _response = response;
            var headers = ReadMetadata(response.Headers);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                _responseHeaders.TrySetResult(headers);
                Finish(new Status(StatusFromHttp(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"), headers);
                return;
            }

            if (TryReadStatus(response.Headers) is { } trailersOnly)
            {
                _responseHeaders.TrySetResult(headers);
                Finish(trailersOnly, headers);
                return;
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (!GrpcProtocolConstants.IsGrpcContentType(contentType))
            {
                _responseHeaders.TrySetResult(headers);
                Fail(new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}"));
                return;
            }

            var decompress = false;
            if (response.Headers.TryGetValues(GrpcProtocolConstants.MessageEncodingHeader, out var encodings))
            {
                var encoding = string.Join(',', encodings);
                decompress = string.Equals(encoding, GrpcProtocolConstants.GzipEncoding, StringComparison.Ordinal);
                if (!decompress && !string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.Ordinal))
                {
                    _responseHeaders.TrySetResult(headers);
                    Fail(new Status(StatusCode.Internal, $"Unsupported response grpc-encoding '{encoding}'."));
                    return;
                }
            }

            var stream = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
            _pipeReader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
            _reader = new MessageReader(_pipeReader, _channel.MaxReceiveMessageSize, decompress);
            _responseHeaders.TrySetResult(headers);
        }
        catch (Exception ex)
        {
            Finish(StatusFromException(ex), null);
        }
    }

    private bool EndOfStream()
    {
        var status = CurrentStatus!.Value;
        if (status.StatusCode == StatusCode.OK)
        {
            return false;
        }

        Cleanup();
        throw new RpcException(status, CurrentTrailers ?? Metadata.Empty);
    }

    private void ThrowIfCannotWrite()
    {
        ThrowIfFinished();

        if (_requestCompleted)
        {
            throw new InvalidOperationException("Request stream has already been completed.");
        }

        if (_writePending)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }
    }

    private void ThrowIfFinished()
    {
        if (CurrentStatus is { } status)
        {
            throw status.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Can't write the message because the call is complete.")
                : new RpcException(status, CurrentTrailers ?? Metadata.Empty);
        }
    }

    private void OnDeadline()
    {
        Interlocked.Exchange(ref _deadlineExceeded, 1);
        ClientLog.DeadlineExceeded(_channel.Logger, _method.FullName);
        Fail(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
    }

    private void CancelByUser() => Fail(new Status(StatusCode.Cancelled, "Call canceled by the client."));

    /// <summary>Settles a local failure and resets the HTTP/2 stream (RST_STREAM CANCEL).</summary>
    private void Fail(Status status)
    {
        if (Finish(status, null))
        {
            // Cancelling covers a call still waiting for headers; once they have arrived, only
            // disposing the response resets the HTTP/2 stream (RST_STREAM CANCEL).
            _callCts.Cancel();
            _response?.Dispose();
        }
    }

    /// <summary>Settles the status once; true for the call that settled it.</summary>
    private bool Finish(Status status, Metadata? trailers)
    {
        lock (_statusLock)
        {
            if (_outcome is not null)
            {
                return false;
            }

            _outcome = new Outcome(status, trailers);
        }

        _deadlineTimer?.Dispose();
        _userCancellation.Unregister();
        _responseHeaders.TrySetException(new RpcException(status, trailers ?? Metadata.Empty));
        _content?.Abort(new RpcException(status));
        if (status.StatusCode != StatusCode.OK)
        {
            ClientLog.CallFailed(_channel.Logger, _method.FullName, status.StatusCode, status.Detail, status.DebugException);
        }

        return true;
    }

    private void Cleanup()
    {
        if (Interlocked.Exchange(ref _cleanedUp, 1) != 0)
        {
            return;
        }

        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        _pipeReader?.Complete();
        _reader?.Dispose();
        _response?.Dispose();
        _request?.Dispose();
        if (!_writePending)
        {
            // A write in progress on another thread still uses its pooled buffers; it disposes them.
            _serializer?.Dispose();
        }

        // _callCts is not disposed: a deadline timer or user token callback may still be racing to
        // cancel it, and a CancellationTokenSource without a timer holds nothing to release.
    }

    private Status StatusFromException(Exception exception)
    {
        if (IsDeadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded") { DebugException = exception };
        }

        if (_callCts.IsCancellationRequested || exception is OperationCanceledException)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.") { DebugException = exception };
        }

        // Could not reach the server, or the connection went away under the call (a server shutting
        // down, a GOAWAY): UNAVAILABLE, the status callers treat as retriable.
        for (var outer = exception; outer is not null; outer = outer.InnerException)
        {
            if (outer is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ResponseEnded or HttpRequestError.ProxyTunnelError })
            {
                return new Status(StatusCode.Unavailable, $"Error connecting to the server. {outer.GetType().Name}: {outer.Message}") { DebugException = exception };
            }
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case RpcException rpc:
                    return rpc.Status;
                case HttpProtocolException protocol:
                    return new Status(StatusFromHttp2Error(protocol.ErrorCode), $"Stream reset by the server (HTTP/2 error 0x{protocol.ErrorCode:X}).") { DebugException = exception };
            }
        }

        if (exception is HttpRequestException or IOException)
        {
            return new Status(StatusCode.Unavailable, $"Error connecting to the server. {exception.GetType().Name}: {exception.Message}") { DebugException = exception };
        }

        return new Status(StatusCode.Internal, $"Error in the gRPC call. {exception.GetType().Name}: {exception.Message}") { DebugException = exception };
    }

    private static (Status Status, Metadata Trailers) ReadTrailers(HttpResponseMessage response)
    {
        var trailers = ReadMetadata(response.TrailingHeaders);
        var status = TryReadStatus(response.TrailingHeaders)
            ?? new Status(StatusCode.Internal, "No grpc-status found on response.");
        return (status, trailers);
    }

    private static Status? TryReadStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocolConstants.StatusTrailer, out var values))
        {
            return null;
        }

        var raw = values.FirstOrDefault();
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{raw}'.");
        }

        var detail = headers.TryGetValues(GrpcProtocolConstants.MessageTrailer, out var messages)
            ? PercentEncoding.Decode(messages.FirstOrDefault() ?? string.Empty)
            : string.Empty;
        return new Status((StatusCode)code, detail);
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocolConstants.IsReservedHeader(name))
            {
                continue;
            }

            var binary = Metadata.Entry.IsBinaryKey(name);
            foreach (var value in values)
            {
                try
                {
                    if (binary)
                    {
                        metadata.Add(name, MetadataEncoding.DecodeBase64(value));
                    }
                    else
                    {
                        metadata.Add(name, value);
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException)
                {
                    // A header gRPC metadata cannot carry (e.g. upper-case from a proxy, bad base64): skip it.
                }
            }
        }

        return metadata;
    }

    // PROTOCOL-HTTP2 "HTTP to gRPC status code mapping".
    private static StatusCode StatusFromHttp(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    // PROTOCOL-HTTP2 "Errors": RST_STREAM codes as seen by a client.
    private static StatusCode StatusFromHttp2Error(long errorCode) => errorCode switch
    {
        0x0 or 0x1 or 0x2 or 0x3 or 0x4 or 0x5 or 0x6 or 0x9 => StatusCode.Internal,
        0x7 => StatusCode.Unavailable,
        0x8 => StatusCode.Cancelled,
        0xB => StatusCode.ResourceExhausted,
        0xC => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    private sealed record Outcome(Status Status, Metadata? Trailers);

    private sealed class ClientStreamWriter(GrpcCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(TRequest message) => call.WriteAsync(message, WriteOptions, CancellationToken.None);

        public Task WriteAsync(TRequest message, CancellationToken cancellationToken) => call.WriteAsync(message, WriteOptions, cancellationToken);

        public Task CompleteAsync() => call.CompleteRequestAsync();
    }
}
