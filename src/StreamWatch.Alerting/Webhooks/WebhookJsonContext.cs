using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>Source-generated JSON of the webhook queues, history and dead letters (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(WebhookAttempt))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(WebhookReceiverStatus))]
[JsonSerializable(typeof(List<WebhookReceiverStatus>))]
[JsonSerializable(typeof(string))]
public sealed partial class WebhookJsonContext : JsonSerializerContext;
