using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>Server events; ids 1-49 (the client uses 50-99).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Debug, "Request content-type '{ContentType}' is not gRPC; answering 415.")]
    public static partial void UnsupportedContentType(ILogger logger, string? contentType);

    [LoggerMessage(2, LogLevel.Debug, "Request protocol '{Protocol}' is not HTTP/2; answering 426.")]
    public static partial void UnsupportedProtocol(ILogger logger, string protocol);

    [LoggerMessage(3, LogLevel.Debug, "Unsupported request grpc-encoding '{Encoding}'.")]
    public static partial void UnsupportedRequestEncoding(ILogger logger, string encoding);

    [LoggerMessage(4, LogLevel.Debug, "Ignoring malformed grpc-timeout '{Timeout}'.")]
    public static partial void InvalidTimeout(ILogger logger, string timeout);

    [LoggerMessage(5, LogLevel.Debug, "Deadline exceeded on {Method}; ending the call.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(6, LogLevel.Debug, "Could not complete {Method} after its deadline.")]
    public static partial void DeadlineCompletionFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "Error in the handler of {Method}.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(8, LogLevel.Debug, "{Method} ended with status {StatusCode}: {Detail}")]
    public static partial void CallEndedWithError(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(9, LogLevel.Debug, "No gRPC method at {Path}; answering UNIMPLEMENTED.")]
    public static partial void Unimplemented(ILogger logger, string path);
}
