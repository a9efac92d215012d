using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>Builds the request delegate of one method with the server's options, logger and clock.</summary>
internal sealed class HttpCallHandlerFactory(GrpcServiceOptions options, ILoggerFactory loggerFactory, TimeProvider time)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("StreamWatch.Grpc.Server");

    public ILogger Logger => _logger;

    public RequestDelegate Create<TService, TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate invoker)
        where TService : class
        where TRequest : class
        where TResponse : class
        => new ServerCallHandler<TService, TRequest, TResponse>(method, invoker, options, _logger, time).HandleCallAsync;
}
