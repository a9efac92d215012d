using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

/// <summary>
/// A <c>drill --format jsonl</c> timeline line (<c>type</c> <c>drill-event</c>). Properties are declared in output order;
/// the gateway's and webhooks' fields after <c>detail</c> appear only on the lines that carry them.
/// </summary>
internal sealed record DrillEventJson(
    string Type,
    DateTimeOffset Time,
    double? OffsetSeconds,
    string Event,
    string Source,
    string? Cdn,
    string? Rendition,
    bool Targeted,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rule = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fingerprint = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? State = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PreviousState = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WebhookEvent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeliveryId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? SignatureVerified = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecommendationJson? Recommendation = null);
