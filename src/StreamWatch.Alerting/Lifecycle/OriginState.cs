namespace StreamWatch.Alerting.Lifecycle;

/// <summary>What the stream's polled origin source shows for one rule's condition.</summary>
internal enum OriginState
{
    /// <summary>No origin source, or no recent origin report with data for the condition: attribution falls back to "every CDN shows it".</summary>
    Unknown,

    /// <summary>At least one origin rendition meets the condition.</summary>
    Faulty,

    /// <summary>The origin has recent data for the condition and no rendition meets it.</summary>
    Healthy,
}
