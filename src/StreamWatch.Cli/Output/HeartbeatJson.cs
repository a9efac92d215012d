using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

// A JSON contract shape (CONTRACTS.md / src/StreamWatch.Cli/README.md), separate from the Media types so the engine can
// evolve without changing what scripts parse. Properties are declared in output order.

/// <summary>A <c>watch --format jsonl</c> line: one poll of one playlist.</summary>
internal sealed record HeartbeatJson(
    string Type,
    DateTimeOffset Time,
    string Url,
    string State,
    long? MediaSequence,
    int? Segments,
    bool Changed,
    double? AgeSeconds,
    double? TargetDuration,
    bool Stale,
    double NextPollSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
