using System.Text.Json;
using System.Text.Json.Serialization;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Store;

/// <summary>Source-generated JSON of what the store keeps (camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(Acknowledgement))]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(Incident))]
[JsonSerializable(typeof(AlertHistoryEntry))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
