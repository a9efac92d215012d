using StreamWatch.Alerting.Health;

namespace StreamWatch.Alerting.Lifecycle;

internal sealed partial class AlertEngine
{
    // Event ids 3000-3099: the Alerting service's rule engine.
    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, Message = "Alert {Fingerprint} {Rule} on {Stream}/{Cdn}/{Rendition}: {From} -> {To} (suppression {Suppression})")]
        public static partial void AlertTransitioned(ILogger logger, LogLevel level, string fingerprint, string rule, string stream, string cdn, string rendition, AlertLifecycleState from, AlertLifecycleState to, NotificationSuppression suppression);

        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Incident {IncidentId} opened for stream {Stream}")]
        public static partial void IncidentOpened(ILogger logger, string incidentId, string stream);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Incident {IncidentId} closed for stream {Stream}")]
        public static partial void IncidentClosed(ILogger logger, string incidentId, string stream);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Stream {Stream} state {From} -> {To}")]
        public static partial void StreamStateChanged(ILogger logger, string stream, HealthStatus from, HealthStatus to);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Alert {Fingerprint} {Rule} acknowledged by {By}")]
        public static partial void AlertAcknowledged(ILogger logger, string fingerprint, string rule, string by);

        [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Silence {SilenceId} added by {By} from {StartsAt:o} to {EndsAt:o}")]
        public static partial void SilenceAdded(ILogger logger, string silenceId, string by, DateTimeOffset startsAt, DateTimeOffset endsAt);

        [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Silence {SilenceId} removed")]
        public static partial void SilenceRemoved(ILogger logger, string silenceId);

        [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Alert event sink {Sink} failed on {Subject}")]
        public static partial void SinkFailed(ILogger logger, Exception exception, string sink, string subject);

        [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Alert {Fingerprint} {Rule} of stream {Stream} restored as firing from the store")]
        public static partial void AlertRestored(ILogger logger, string fingerprint, string rule, string stream);

        [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Stored alert {Fingerprint} {Rule} of stream {Stream} not restored: its rule is gone or its labels changed")]
        public static partial void AlertNotRestored(ILogger logger, string fingerprint, string rule, string stream);
    }
}
