using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>
/// One server call over one HTTP/2 stream: request validation, deadline, message reading and
/// writing, and the status at the end (in trailers, or trailers-only when nothing was sent).
/// </summary>
internal sealed class HttpContextServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServiceOptions _options;
    private readonly IMethod _method;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // Serializes response writes with the end of the call, which a deadline can trigger from a timer.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private CancellationTokenSource? _deadlineSource;
    private ITimer? _deadlineTimer;
    private int _deadlineExceeded;
    private bool _completed;
    private bool _responseStarted;
    private MessageCompression _responseCompression = MessageCompression.None;
    private MessageReader? _reader;
    private FramingSerializationContext? _serializer;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private DateTime _deadline = DateTime.MaxValue;
    private bool _requestEnded;
    private CancellationToken _cancellationToken;

    public HttpContextServerCallContext(HttpContext http, GrpcServiceOptions options, IMethod method, ILogger logger, TimeProvider time)
    {
        _http = http;
        _options = options;
        _method = method;
        _logger = logger;
        _time = time;
        _cancellationToken = http.RequestAborted;
    }

    public HttpContext HttpContext => _http;

    public override string Method => _http.Request.Path.Value ?? "/" + _method.FullName;

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer
    {
        get
        {
            var connection = _http.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
                var ip => $"ipv4:{ip}:{connection.RemotePort}",
            };
        }
    }

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    public override CancellationToken CancellationToken => _cancellationToken;

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override WriteOptions? WriteOptions { get; set; }

    private bool IsDeadlineExceeded => Volatile.Read(ref _deadlineExceeded) == 1;

    /// <summary>Checks the request's gRPC headers and prepares the response headers and deadline; false when the call must end at once with <see cref="Status"/>.</summary>
    public bool TryInitialize()
    {
        var request = _http.Request;
        var response = _http.Response;
        RelaxKestrelBodyLimits();
        response.ContentType = GrpcProtocolConstants.GrpcContentType;
        response.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader] = GrpcProtocolConstants.SupportedAcceptEncoding;

        var decompress = false;
        var encoding = request.Headers[GrpcProtocolConstants.MessageEncodingHeader];
        if (!StringValues.IsNullOrEmpty(encoding))
        {
            var value = encoding.ToString();
            if (string.Equals(value, GrpcProtocolConstants.GzipEncoding, StringComparison.Ordinal))
            {
                decompress = true;
            }
            else if (!string.Equals(value, GrpcProtocolConstants.IdentityEncoding, StringComparison.Ordinal))
            {
                ServerLog.UnsupportedRequestEncoding(_logger, value);
                Status = new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{value}'. Supported encodings: {GrpcProtocolConstants.SupportedAcceptEncoding}");
                return false;
            }
        }

        if (_options.ResponseCompressionAlgorithm is { } algorithm
            && GrpcProtocolConstants.AcceptsEncoding(request.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader].ToString(), algorithm))
        {
            _responseCompression = new MessageCompression(true, _options.ResponseCompressionLevel);
            response.Headers[GrpcProtocolConstants.MessageEncodingHeader] = algorithm;
        }

        _reader = new MessageReader(request.BodyReader, _options.MaxReceiveMessageSize, decompress);
        _serializer = new FramingSerializationContext(_options.MaxSendMessageSize);

        var timeout = request.Headers[GrpcProtocolConstants.TimeoutHeader];
        if (!StringValues.IsNullOrEmpty(timeout))
        {
            if (GrpcTimeout.TryParse(timeout.ToString(), out var span))
            {
                StartDeadline(span);
            }
            else
            {
                // The spec gives no status for a malformed timeout; like grpc-dotnet, run without one.
                ServerLog.InvalidTimeout(_logger, timeout.ToString());
            }
        }

        return true;
    }

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    public async Task<TRequest> ReadSingleMessageAsync<TRequest>(Marshaller<TRequest> marshaller)
    {
        var (hasMessage, message) = await _reader!.ReadAsync(marshaller, CancellationToken).ConfigureAwait(false);
        if (!hasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Request message not received."));
        }

        var (extra, _) = await _reader.ReadAsync(marshaller, CancellationToken).ConfigureAwait(false);
        if (extra)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the request message."));
        }

        _requestEnded = true;
        return message!;
    }

    /// <summary>Reads the next message of a request stream; false at its end.</summary>
    public async ValueTask<(bool HasMessage, TRequest? Message)> ReadNextAsync<TRequest>(Marshaller<TRequest> marshaller, CancellationToken cancellationToken)
    {
        if (_requestEnded)
        {
            return (false, default);
        }

        var result = await _reader!.ReadAsync(marshaller, cancellationToken).ConfigureAwait(false);
        _requestEnded = !result.HasMessage;
        return result;
    }

    /// <summary>Writes one response message; flushes unless <paramref name="flush"/> is false or the options hint buffering.</summary>
    public async Task WriteMessageAsync<TResponse>(TResponse message, Marshaller<TResponse> marshaller, WriteOptions? options, bool flush, CancellationToken cancellationToken)
    {
        var flags = (options ?? WriteOptions)?.Flags ?? WriteFlags.None;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            var compression = (flags & WriteFlags.NoCompress) != 0 ? MessageCompression.None : _responseCompression;
            _responseStarted = true;
            try
            {
                _serializer!.WriteMessage(_http.Response.BodyWriter, message, marshaller, compression);
            }
            catch (PayloadLengthMismatchException)
            {
                // Part of a corrupt frame may be buffered: reset the stream rather than send it.
                _completed = true;
                _http.Abort();
                throw;
            }

            if (flush && (flags & WriteFlags.BufferHint) == 0)
            {
                var result = await _http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCompleted();
            if (_responseStarted || _http.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
            }

            AddMetadata(_http.Response.Headers, responseHeaders);
            _responseStarted = true;
            await _http.Response.StartAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Turns a handler's exception into the call's status.</summary>
    public void SetStatusFromException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            Status = rpc.Status;
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.Add(entry);
            }

            return;
        }

        if (IsDeadlineExceeded)
        {
            Status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded") { DebugException = exception };
            return;
        }

        if (_http.RequestAborted.IsCancellationRequested)
        {
            // The client is gone (RST_STREAM or a dropped connection); nobody will read this status.
            Status = new Status(StatusCode.Cancelled, "Call canceled by the client.") { DebugException = exception };
            return;
        }

        ServerLog.HandlerFailed(_logger, _method.FullName, exception);
        var detail = _options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        Status = new Status(StatusCode.Unknown, detail) { DebugException = exception };
    }

    /// <summary>Sends the status (trailers, or trailers-only) unless the deadline already ended the call.</summary>
    public async Task EndCallAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _deadlineTimer?.Dispose();
            if (_http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            if (Status.StatusCode != StatusCode.OK)
            {
                ServerLog.CallEndedWithError(_logger, _method.FullName, Status.StatusCode, Status.Detail);
            }

            WriteStatus(Status);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        _deadlineSource?.Dispose();
        _reader?.Dispose();
        _serializer?.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>
    /// A gRPC request body is a stream of messages, not an upload: the per-message limit
    /// (<see cref="GrpcServiceOptions.MaxReceiveMessageSize"/>) replaces Kestrel's 30 MB body limit, which
    /// a days-long ingest stream would hit; and a streaming call may sit idle between messages,
    /// which Kestrel's minimum request data rate (240 B/s after 5 s) would treat as a slow attack.
    /// </summary>
    private void RelaxKestrelBodyLimits()
    {
        if (_http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (_method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming
            && _http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    private void StartDeadline(TimeSpan timeout)
    {
        var now = _time.GetUtcNow();
        _deadline = timeout >= DateTime.MaxValue - now.UtcDateTime ? DateTime.MaxValue : now.UtcDateTime + timeout;

        // Timers take at most about 49.7 days; a longer deadline never fires in practice.
        if (timeout > TimeSpan.FromMilliseconds(uint.MaxValue - 1))
        {
            return;
        }

        _deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted);
        _cancellationToken = _deadlineSource.Token;
        _deadlineTimer = _time.CreateTimer(static state => _ = ((HttpContextServerCallContext)state!).DeadlineExceededAsync(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    private async Task DeadlineExceededAsync()
    {
        Interlocked.Exchange(ref _deadlineExceeded, 1);
        ServerLog.DeadlineExceeded(_logger, _method.FullName);
        try
        {
            // Cancel first: a handler blocked in a write (flow control) releases the lock.
            await _deadlineSource!.CancelAsync().ConfigureAwait(false);
            await _writeLock.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (_http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));

            // End the HTTP/2 stream now rather than when the handler notices its cancelled token;
            // Kestrel resets the request side if the client is still sending.
            await _http.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            ServerLog.DeadlineCompletionFailed(_logger, _method.FullName, ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteStatus(Status status)
    {
        var response = _http.Response;
        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!_responseStarted && !response.HasStarted)
        {
            // Trailers-only: one HEADERS frame with END_STREAM carries the status.
            response.Headers[GrpcProtocolConstants.StatusTrailer] = code;
            if (!string.IsNullOrEmpty(status.Detail))
            {
                response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
            }

            if (_responseTrailers is not null)
            {
                AddMetadata(response.Headers, _responseTrailers);
            }

            return;
        }

        if (!response.SupportsTrailers())
        {
            // Only HTTP/2 requests get this far, and Kestrel supports trailers on them.
            throw new InvalidOperationException("The response does not support trailers.");
        }

        response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, code);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, PercentEncoding.Encode(status.Detail));
        }

        if (_responseTrailers is not null)
        {
            foreach (var entry in _responseTrailers)
            {
                response.AppendTrailer(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
            }
        }
    }

    private void ThrowIfCompleted()
    {
        if (!_completed)
        {
            return;
        }

        if (IsDeadlineExceeded)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }

        throw new InvalidOperationException("Can't write the message because the call is complete.");
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in _http.Request.Headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(name))
            {
                continue;
            }

            var binary = Metadata.Entry.IsBinaryKey(name);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (binary)
                {
                    metadata.Add(name, MetadataEncoding.DecodeBase64(value));
                }
                else
                {
                    metadata.Add(name, value);
                }
            }
        }

        return metadata;
    }

    private static void AddMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
            headers.Append(entry.Key, value);
        }
    }
}
