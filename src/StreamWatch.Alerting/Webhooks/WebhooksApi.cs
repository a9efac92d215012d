using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace StreamWatch.Alerting.Webhooks;

/// <summary>
/// <c>GET /api/v1/webhooks</c> (every receiver: queue, dead letters, breaker, last outcomes) and
/// <c>GET /api/v1/webhooks/{name}/deliveries?limit=N</c> (its attempts, newest first) and
/// <c>GET /api/v1/webhooks/{name}/dead-letters?limit=N</c>; unknown names get problem details.
/// </summary>
public static class WebhooksApi
{
    private const int DefaultLimit = 50;

    /// <summary>Maps the webhook routes under <c>/api/v1/webhooks</c>.</summary>
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/v1/webhooks");
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}/deliveries", (string name, int? limit, IServiceProvider services) => ListRawAsync(name, limit, services, deadLetters: false));
        group.MapGet("/{name}/dead-letters", (string name, int? limit, IServiceProvider services) => ListRawAsync(name, limit, services, deadLetters: true));
        return group;
    }

    private static async Task<IResult> ListAsync(IServiceProvider services)
    {
        var dispatcher = services.GetRequiredService<WebhookDispatcher>();
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var list = new List<WebhookReceiverStatus>(dispatcher.Receivers.Count);
        foreach (var worker in dispatcher.Receivers)
        {
            var receiver = worker.Options;
            long queued = 0;
            long dead = 0;
            if (dispatcher.Store is { } store)
            {
                queued = await store.LengthAsync(store.Keys.WebhookQueue(receiver.Name)).ConfigureAwait(false);
                dead = await store.LengthAsync(store.Keys.WebhookDeadLetters(receiver.Name)).ConfigureAwait(false);
            }

            list.Add(new WebhookReceiverStatus
            {
                Name = receiver.Name,
                Url = Redact(receiver.Url),
                Format = receiver.Format,
                Events = receiver.Events.Count == 0 ? ["firing", "resolved"] : [.. receiver.Events],
                Queued = queued,
                DeadLetters = dead,
                Breaker = worker.Breaker.State(now),
                ConsecutiveFailures = worker.Breaker.ConsecutiveFailures,
                OpenUntil = worker.Breaker.OpenUntil,
                LastSuccessAt = worker.LastSuccessAt,
                LastFailureAt = worker.LastFailureAt,
                LastError = worker.LastError,
            });
        }

        return TypedResults.Json(list, WebhookJsonContext.Default.ListWebhookReceiverStatus);
    }

    private static async Task<IResult> ListRawAsync(string name, int? limit, IServiceProvider services, bool deadLetters)
    {
        var dispatcher = services.GetRequiredService<WebhookDispatcher>();
        if (dispatcher.Find(name) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown webhook", detail: $"No webhook named '{name}' is configured (webhooks: in the configuration file).");
        }

        var count = limit ?? DefaultLimit;
        if (count is < 1 or > 1000)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit", detail: $"limit must be between 1 and 1000 (was {count}).");
        }

        string[] items = [];
        if (dispatcher.Store is { } store)
        {
            var key = deadLetters ? store.Keys.WebhookDeadLetters(name) : store.Keys.WebhookHistory(name);
            items = await store.RangeAsync(key, count).ConfigureAwait(false);
        }

        // The entries are stored as JSON already: join them rather than parse and re-serialize.
        var json = new StringBuilder(64 + (items.Length * 256));
        json.Append("{\"receiver\":").Append(JsonSerializer.Serialize(name, WebhookJsonContext.Default.String)).Append(deadLetters ? ",\"deadLetters\":[" : ",\"deliveries\":[");
        for (var i = 0; i < items.Length; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(items[i]);
        }

        json.Append("]}");
        return TypedResults.Text(json.ToString(), "application/json", Encoding.UTF8);
    }

    private static string Redact(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url;
}
