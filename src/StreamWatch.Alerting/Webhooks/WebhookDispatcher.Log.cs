namespace StreamWatch.Alerting.Webhooks;

internal sealed partial class WebhookDispatcher
{
    // Event ids 3200-3299: webhooks (3100s are the store's).
    private static partial class Log
    {
        [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Webhook dispatcher started for {Count} receiver(s)")]
        public static partial void Started(ILogger logger, int count);

        [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Webhooks disabled: no Redis connection string (ConnectionStrings:redis)")]
        public static partial void NoRedis(ILogger logger);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Webhook dispatcher: Redis unavailable, retrying")]
        public static partial void RedisUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "Outbox record is not a notification and was dropped: {Record}")]
        public static partial void UnreadableRecord(ILogger logger, Exception exception, string record);

        [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "Webhook {Receiver}: delivery {DeliveryId} sent (attempt {Attempt}, status {Status})")]
        public static partial void Delivered(ILogger logger, string receiver, string deliveryId, int attempt, int status);

        [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Webhook {Receiver}: delivery {DeliveryId} attempt {Attempt} failed ({Error}); retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, string receiver, string deliveryId, int attempt, string error, TimeSpan delay);

        [LoggerMessage(EventId = 3206, Level = LogLevel.Error, Message = "Webhook {Receiver}: delivery {DeliveryId} given up ({Result}) after {Attempts} attempt(s): {Error}")]
        public static partial void GaveUp(ILogger logger, string receiver, string deliveryId, string result, int attempts, string error);

        [LoggerMessage(EventId = 3207, Level = LogLevel.Warning, Message = "Webhook {Receiver}: circuit breaker open until {OpenUntil:o} after {Failures} failure(s) in a row")]
        public static partial void BreakerOpened(ILogger logger, string receiver, DateTimeOffset openUntil, int failures);

        [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "Webhook dispatcher: no pub/sub signal from the store; polling every {Interval}")]
        public static partial void NoSubscription(ILogger logger, Exception exception, TimeSpan interval);

        [LoggerMessage(EventId = 3209, Level = LogLevel.Information, Message = "No webhooks configured (webhooks: in the configuration file): the outbox is not consumed")]
        public static partial void NoReceivers(ILogger logger);

        [LoggerMessage(EventId = 3210, Level = LogLevel.Warning, Message = "Webhook {Receiver}: notification {NotificationId} is older than maxAge {MaxAge} and was not queued")]
        public static partial void Expired(ILogger logger, string receiver, string notificationId, TimeSpan maxAge);
    
        [LoggerMessage(EventId = 3211, Level = LogLevel.Error, Message = "Webhook dispatcher ({Loop}): unexpected error; continuing")]
        public static partial void Unexpected(ILogger logger, Exception exception, string loop);
    }
}
