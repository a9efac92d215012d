namespace StreamWatch.ServiceDefaults.Metrics;

/// <summary>The Prometheus metric type an instrument is exposed as.</summary>
public enum MetricType
{
    /// <summary><c>Counter&lt;T&gt;</c> and <c>ObservableCounter&lt;T&gt;</c>: monotonic, name ends in <c>_total</c>.</summary>
    Counter,

    /// <summary><c>UpDownCounter</c>, <c>Gauge</c> and their observable forms.</summary>
    Gauge,

    /// <summary><c>Histogram&lt;T&gt;</c> with explicit bucket boundaries.</summary>
    Histogram,
}
