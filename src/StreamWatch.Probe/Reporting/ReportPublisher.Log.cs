namespace StreamWatch.Probe.Reporting;

internal sealed partial class ReportPublisher
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "No alerting endpoint configured ({Key}); reports stay in a buffer of {BufferSize}, the oldest dropped, and probing goes on")]
    private static partial void LogNoEndpoint(ILogger logger, string key, int bufferSize);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Reporting to {Endpoint}: resuming after sequence {Acked}")]
    private static partial void LogConnected(ILogger logger, Uri endpoint, long acked);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Report call to {Endpoint} failed: {Reason}; reconnecting with backoff")]
    private static partial void LogCallFailed(ILogger logger, Uri endpoint, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Report call to {Endpoint} ended by the server; reconnecting")]
    private static partial void LogCallEnded(ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "{Endpoint} resumes {Count} reports late: they were evicted from the outbox while it was away")]
    private static partial void LogGap(ILogger logger, Uri endpoint, long count);
}
