using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

// A JSON contract shape (CONTRACTS.md / src/StreamWatch.Cli/README.md), separate from the Media types so the engine can
// evolve without changing what scripts parse. Properties are declared in output order.

/// <summary>One finding. <c>url</c> and <c>line</c> are always present (null when unknown); <c>path</c> only for DASH.</summary>
internal sealed record FindingJson(
    string Code,
    string Severity,
    string Message,
    string? Url,
    int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path);
