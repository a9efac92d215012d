namespace StreamWatch.Alerting.Rules;

/// <summary>What one alert of a rule is about; it decides the alert's identity labels.</summary>
public enum RuleScope
{
    /// <summary>One rendition of a stream on one CDN: labels <c>stream</c>, <c>cdn</c>, <c>rendition</c>.</summary>
    Rendition,

    /// <summary>A stream on one CDN: labels <c>stream</c>, <c>cdn</c>.</summary>
    Source,

    /// <summary>A whole stream across its CDNs: label <c>stream</c>.</summary>
    Stream,
}
