using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>Source-generated camelCase JSON of the status page's upstream reads and browser events.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UpstreamStatus))]
[JsonSerializable(typeof(UpstreamStream))]
[JsonSerializable(typeof(UpstreamStreamDetail))]
[JsonSerializable(typeof(UpstreamAlertChange))]
[JsonSerializable(typeof(PageSnapshot))]
[JsonSerializable(typeof(PageCard))]
[JsonSerializable(typeof(PageConnection))]
internal sealed partial class StatusPageJsonContext : JsonSerializerContext;
