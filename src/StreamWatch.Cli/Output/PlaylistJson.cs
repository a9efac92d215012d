using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

// A JSON contract shape (CONTRACTS.md / src/StreamWatch.Cli/README.md), separate from the Media types so the engine can
// evolve without changing what scripts parse. Properties are declared in output order.

/// <summary>One media playlist or DASH representation.</summary>
internal sealed record PlaylistJson(
    string Url,
    string Kind,
    bool Live,
    double? TargetDuration,
    long? MediaSequence,
    int Segments,
    double DurationSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name);
