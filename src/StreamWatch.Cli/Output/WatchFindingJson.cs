using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

// A JSON contract shape (CONTRACTS.md / src/StreamWatch.Cli/README.md), separate from the Media types so the engine can
// evolve without changing what scripts parse. Properties are declared in output order.

/// <summary>A <c>watch --format jsonl</c> line: one finding as it happens.</summary>
internal sealed record WatchFindingJson(
    string Type,
    DateTimeOffset Time,
    string Code,
    string Severity,
    string Message,
    string? Url,
    int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path);
