using Microsoft.Extensions.Logging;

namespace StreamWatch.ServiceDefaults.Metrics;

public sealed partial class MetricsCollector
{
    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Warning, "Metric {Name} from instrument {Instrument} of meter {Meter} is not exposed: {OtherInstrument} of meter {OtherMeter} already uses the name with another type")]
        public static partial void MetricNameConflict(ILogger logger, string name, string instrument, string meter, string otherInstrument, string otherMeter);

        [LoggerMessage(101, LogLevel.Warning, "Metric {Name} reached its limit of {Limit} series; further label sets are counted under otel_metric_overflow=\"true\"")]
        public static partial void SeriesLimitReached(ILogger logger, string name, int limit);

        [LoggerMessage(102, LogLevel.Error, "An observable instrument's callback failed during a scrape; its series are missing from this scrape")]
        public static partial void ObservableCallbackFailed(ILogger logger, Exception exception);

        [LoggerMessage(103, LogLevel.Warning, "Histogram {Instrument} of meter {Meter} advises bucket boundaries that are not finite and strictly increasing; using the defaults")]
        public static partial void InvalidBoundaries(ILogger logger, string instrument, string meter);
    }
}
