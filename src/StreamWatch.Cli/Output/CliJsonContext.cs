using System.Text.Json.Serialization;

namespace StreamWatch.Cli.Output;

/// <summary>
/// Source-generated serialization for every JSON the CLI writes: no reflection, so it keeps working trimmed
/// (the project turns reflection-based serialization off to prove it).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(CheckReportJson))]
[JsonSerializable(typeof(HeartbeatJson))]
[JsonSerializable(typeof(WatchFindingJson))]
[JsonSerializable(typeof(DrillEventJson))]
[JsonSerializable(typeof(DrillSummaryJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
