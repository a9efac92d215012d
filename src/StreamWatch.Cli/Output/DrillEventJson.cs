namespace StreamWatch.Cli.Output;

/// <summary>A <c>drill --format jsonl</c> timeline line (<c>type</c> <c>drill-event</c>). Properties are declared in output order.</summary>
internal sealed record DrillEventJson(
    string Type,
    DateTimeOffset Time,
    double? OffsetSeconds,
    string Event,
    string? Cdn,
    string? Rendition,
    bool Targeted,
    string Detail);
