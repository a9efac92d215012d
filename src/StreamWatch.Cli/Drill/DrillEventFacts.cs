namespace StreamWatch.Cli.Drill;

/// <summary>The machine-readable part of a gateway or webhook timeline line; every field is optional.</summary>
/// <param name="Rule">The alert's rule, e.g. <c>ManifestStale</c>.</param>
/// <param name="Fingerprint">The alert's fingerprint.</param>
/// <param name="State">The alert's state (<c>pending</c>, <c>firing</c>, <c>resolved</c>) or the stream's or CDN's status state.</param>
/// <param name="PreviousState">The status state before a change.</param>
/// <param name="WebhookEvent">The delivery's event: <c>firing</c> or <c>resolved</c>.</param>
/// <param name="DeliveryId">The delivery's <c>X-StreamWatch-Delivery</c> id.</param>
/// <param name="SignatureVerified">Whether <c>X-StreamWatch-Signature</c> matched the shared secret.</param>
/// <param name="Recommendation">The delivery's recommendation, when it carried one.</param>
internal sealed record DrillEventFacts(
    string? Rule = null,
    string? Fingerprint = null,
    string? State = null,
    string? PreviousState = null,
    string? WebhookEvent = null,
    string? DeliveryId = null,
    bool? SignatureVerified = null,
    WebhookRecommendation? Recommendation = null);
