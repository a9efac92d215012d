using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

// The JSON shapes are contracts (CONTRACTS.md: "streamwatch check --format json"). They are separate from the
// Media types so the engine can evolve without changing what scripts parse. Properties are declared in output order.

/// <summary>The document <c>streamwatch check --format json</c> writes.</summary>
internal sealed record CheckReportJson(
    string Url,
    string Kind,
    IReadOnlyList<PlaylistJson> Playlists,
    IReadOnlyList<FindingJson> Findings);

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

/// <summary>One finding. <c>url</c> and <c>line</c> are always present (null when unknown); <c>path</c> only for DASH.</summary>
internal sealed record FindingJson(
    string Code,
    string Severity,
    string Message,
    string? Url,
    int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path);

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
