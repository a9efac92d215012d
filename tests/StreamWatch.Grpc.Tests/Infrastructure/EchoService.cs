using Google.Protobuf;
using StreamWatch.Contracts.V1.Testing;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Server;

namespace StreamWatch.Grpc.Tests.Infrastructure;

/// <summary>The .NET side of echo.proto, behaving exactly like tools/grpc-peer/server.js.</summary>
public sealed class EchoService(CallObserver observer) : Echo.EchoBase
{
    /// <summary>A unary request with this message makes the handler throw a plain exception.</summary>
    public const string ThrowMessage = "throw";

    public override async Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
    {
        observer.Started(context);
        await DelayAsync(request, context);
        ThrowIfRequested(request, context);
        if (request.Message == ThrowMessage)
        {
            throw new InvalidOperationException("internal detail");
        }

        context.ResponseTrailers.Add("x-echo-trailer", "ok");
        return Respond(request, 1, context);
    }

    public override async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        observer.Started(context);
        var text = new System.Text.StringBuilder();
        var count = 0;
        EchoRequest? last = null;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            text.Append(request.Message);
            count++;
            last = request;
        }

        if (last is not null)
        {
            ThrowIfRequested(last, context);
        }

        var response = new EchoResponse { Message = text.ToString(), Count = count };
        AddHeaders(response, context);
        return response;
    }

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        observer.Started(context);
        for (var i = 1; i <= request.Repeat; i++)
        {
            await responseStream.WriteAsync(Respond(request, i, context));
            await DelayAsync(request, context);
        }

        ThrowIfRequested(request, context);
    }

    public override async Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        observer.Started(context);
        var count = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            ThrowIfRequested(request, context);
            count++;
            await DelayAsync(request, context);
            await responseStream.WriteAsync(Respond(request, count, context));
        }
    }

    private static async Task DelayAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs <= 0)
        {
            return;
        }

        await Task.Delay(request.DelayMs, context.CancellationToken);
    }

    private static void ThrowIfRequested(EchoRequest request, ServerCallContext context)
    {
        if (request.StatusCode != 0)
        {
            var trailers = new Metadata { { "x-echo-trailer", "failed" } };
            throw new RpcException(new Status((StatusCode)request.StatusCode, request.StatusMessage), trailers);
        }
    }

    private static EchoResponse Respond(EchoRequest request, int count, ServerCallContext context)
    {
        var payload = request.Payload;
        if (request.ResponseSize > 0)
        {
            var bytes = new byte[payload.Length + request.ResponseSize];
            payload.Span.CopyTo(bytes);
            payload = ByteString.CopyFrom(bytes);
        }

        var response = new EchoResponse { Message = request.Message, Payload = payload, Count = count };
        AddHeaders(response, context);
        return response;
    }

    private static void AddHeaders(EchoResponse response, ServerCallContext context)
    {
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-echo-", StringComparison.Ordinal))
            {
                response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
            }
        }

        var encoding = context.GetHttpContext().Request.Headers["grpc-encoding"].ToString();
        if (encoding.Length > 0)
        {
            response.Headers["received-grpc-encoding"] = encoding;
        }
    }
}
