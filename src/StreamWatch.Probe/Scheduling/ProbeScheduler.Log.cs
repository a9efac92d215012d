namespace StreamWatch.Probe.Scheduling;

internal sealed partial class ProbeScheduler
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Polling {Stream}/{Cdn}/{Rendition} at {Url}")]
    private static partial void LogRenditionAdded(ILogger logger, string stream, string cdn, string rendition, Uri url);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Stopped polling {Stream}/{Cdn}/{Rendition}: gone from the multivariant playlist")]
    private static partial void LogRenditionRemoved(ILogger logger, string stream, string cdn, string rendition);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Discovery of {Stream}/{Cdn} failed: {Outcome} (HTTP {Status}); retrying")]
    private static partial void LogDiscoveryFailed(ILogger logger, string stream, string cdn, string outcome, int status);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Poll of {Stream}/{Cdn}/{Rendition} threw; polling continues")]
    private static partial void LogPollCrashed(ILogger logger, Exception exception, string stream, string cdn, string rendition);
}
