using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>The endpoint of one method: validates the request, runs the handler of its kind, ends the call with a status.</summary>
internal sealed class ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class
    where TResponse : class
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly GrpcServiceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly GrpcServiceActivator<TService> _activator = new();
    private readonly Func<TService, TRequest, ServerCallContext, Task<TResponse>>? _unary;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>? _clientStreaming;
    private readonly Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _serverStreaming;
    private readonly Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>? _duplex;

    public ServerCallHandler(Method<TRequest, TResponse> method, Delegate invoker, GrpcServiceOptions options, ILogger logger, TimeProvider time)
    {
        _method = method;
        _options = options;
        _logger = logger;
        _time = time;
        _unary = invoker as Func<TService, TRequest, ServerCallContext, Task<TResponse>>;
        _clientStreaming = invoker as Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>;
        _serverStreaming = invoker as Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>;
        _duplex = invoker as Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>;
    }

    public async Task HandleCallAsync(HttpContext http)
    {
        if (!GrpcRequestValidation.Validate(http, _logger))
        {
            return;
        }

        using var call = new HttpContextServerCallContext(http, _options, _method, _logger, _time);
        if (!call.TryInitialize())
        {
            await call.EndCallAsync().ConfigureAwait(false);
            return;
        }

        var (service, created) = _activator.Create(http.RequestServices);
        try
        {
            await InvokeAsync(service, call).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            call.SetStatusFromException(ex);
        }
        finally
        {
            await GrpcServiceActivator<TService>.ReleaseAsync(service, created).ConfigureAwait(false);
        }

        await call.EndCallAsync().ConfigureAwait(false);
    }

    private async Task InvokeAsync(TService service, HttpContextServerCallContext call)
    {
        var requestMarshaller = _method.RequestMarshaller;
        var responseMarshaller = _method.ResponseMarshaller;
        switch (_method.Type)
        {
            case MethodType.Unary:
            {
                var request = await call.ReadSingleMessageAsync(requestMarshaller).ConfigureAwait(false);
                var response = await _unary!(service, request, call).ConfigureAwait(false);
                await WriteSingleResponseAsync(call, response).ConfigureAwait(false);
                break;
            }

            case MethodType.ClientStreaming:
            {
                var reader = new HttpContextStreamReader<TRequest>(call, requestMarshaller);
                var response = await _clientStreaming!(service, reader, call).ConfigureAwait(false);
                await WriteSingleResponseAsync(call, response).ConfigureAwait(false);
                break;
            }

            case MethodType.ServerStreaming:
            {
                var request = await call.ReadSingleMessageAsync(requestMarshaller).ConfigureAwait(false);
                await _serverStreaming!(service, request, new HttpContextStreamWriter<TResponse>(call, responseMarshaller), call).ConfigureAwait(false);
                break;
            }

            case MethodType.DuplexStreaming:
            {
                var reader = new HttpContextStreamReader<TRequest>(call, requestMarshaller);
                await _duplex!(service, reader, new HttpContextStreamWriter<TResponse>(call, responseMarshaller), call).ConfigureAwait(false);
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown method type {_method.Type}.");
        }
    }

    private Task WriteSingleResponseAsync(HttpContextServerCallContext call, TResponse response)
    {
        if (call.Status.StatusCode != StatusCode.OK)
        {
            // The handler set an error status and returned: no message, just the status.
            return Task.CompletedTask;
        }

        ArgumentNullException.ThrowIfNull(response);

        // No flush: the message and the trailers leave together when the call ends.
        return call.WriteMessageAsync(response, _method.ResponseMarshaller, null, flush: false, call.CancellationToken);
    }
}
