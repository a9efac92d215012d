using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Grpc.Client.Internal;

/// <summary>Client events; ids 50-99 (the server uses 1-49).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(50, LogLevel.Debug, "Starting call {Method} to {Address}.")]
    public static partial void StartingCall(ILogger logger, string method, Uri address);

    [LoggerMessage(51, LogLevel.Debug, "Call {Method} ended with status {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail, Exception? exception);

    [LoggerMessage(52, LogLevel.Debug, "Deadline exceeded on {Method}; cancelling the call.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);
}
