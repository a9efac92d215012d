namespace StreamWatch.Probe.Measurement;

internal sealed partial class ManifestPoller
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Poll of {Stream}/{Cdn}/{Rendition} failed: {Outcome} (HTTP {Status}) {Detail}")]
    private static partial void LogFetchFailed(ILogger logger, string stream, string cdn, string rendition, string outcome, int status, string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Stream}/{Cdn}/{Rendition} is stale: unchanged for {AgeSeconds:0.###} s")]
    private static partial void LogStale(ILogger logger, string stream, string cdn, string rendition, double ageSeconds);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Blocking reload of {Stream}/{Cdn}/{Rendition} fell back to normal pacing: {Reason} (HTTP {Status})")]
    private static partial void LogBlockingFallback(ILogger logger, string stream, string cdn, string rendition, string reason, int status);
}
