using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamWatch.Alerting.Apis;

/// <summary>Source-generated camelCase JSON of the status API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(StreamStatus))]
[JsonSerializable(typeof(StreamDetail))]
[JsonSerializable(typeof(AlertList))]
[JsonSerializable(typeof(AlertView))]
[JsonSerializable(typeof(AlertChange))]
[JsonSerializable(typeof(IncidentView))]
[JsonSerializable(typeof(SilenceRequest))]
[JsonSerializable(typeof(SilenceView))]
[JsonSerializable(typeof(SilenceList))]
[JsonSerializable(typeof(AckRequest))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
