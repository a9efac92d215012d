namespace StreamWatch.Alerting.Store;

internal sealed partial class AlertStoreWriter
{
    // Event ids 3100-3149: the alert store.
    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Alert store write ({Write}) failed; retrying in order until Redis answers")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string write);

        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Alert store writes to Redis again; {Pending} writes queued")]
        public static partial void StoreRecovered(ILogger logger, int pending);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Alert store write ({Write}) dropped: Redis refused it and a retry cannot help")]
        public static partial void WriteDropped(ILogger logger, Exception exception, string write);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Alert {Fingerprint} {Event} notification {Ordinal} queued in the outbox")]
        public static partial void Notified(ILogger logger, string fingerprint, string @event, long ordinal);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Stream {Stream} taken over (lease token {Token}); {Alerts} stored active alerts reconciled")]
        public static partial void StreamTakenOver(ILogger logger, string stream, long token, int alerts);

        [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Lease of stream {Stream} (token {Token}) lost to another replica; its alerts are no longer written here")]
        public static partial void LeaseLost(ILogger logger, string stream, long token);
    }
}
