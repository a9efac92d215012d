namespace StreamWatch.Alerting.Health;

/// <summary>
/// The health of a rendition, a source (a stream on one CDN) or a stream. The numeric values are
/// those of the <c>streamwatch_stream_state</c> gauge; <see cref="HealthStatusExtensions.ToContract"/>
/// maps to the wire enum of <c>feed.proto</c>.
/// </summary>
public enum HealthStatus
{
    /// <summary>Serving normally.</summary>
    Operational = 0,

    /// <summary>Serving, but with errors, staleness or slowness a viewer may notice.</summary>
    Degraded = 1,

    /// <summary>Not serving: viewers of this rendition, source or stream cannot play.</summary>
    Outage = 2,

    /// <summary>No recent data to judge by.</summary>
    Unknown = 3,
}
