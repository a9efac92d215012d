using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StreamWatch.Alerting.Lifecycle;

namespace StreamWatch.Alerting.Apis;

/// <summary>The status API of CONTRACTS.md under <c>/api/v1</c>.</summary>
public static class StatusApi
{
    private const int MaxHistory = 1_000;

    /// <summary>
    /// Maps <c>GET /api/v1/status</c>, <c>GET /api/v1/streams/{id}</c>, <c>GET /api/v1/alerts</c>,
    /// <c>GET /api/v1/events</c> (server-sent events), <c>GET|POST /api/v1/silences</c>,
    /// <c>DELETE /api/v1/silences/{id}</c> and <c>POST /api/v1/alerts/{fingerprint}/ack</c>.
    /// Returns the group so callers can add policies once. Needs <see cref="StatusApiServiceExtensions.AddStatusApi"/>.
    /// </summary>
    public static RouteGroupBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1");
        api.MapGet("/status", GetStatus);
        api.MapGet("/streams/{id}", GetStreamAsync);
        api.MapGet("/alerts", GetAlerts);
        api.MapGet("/events", StreamEventsAsync);
        api.MapGet("/silences", GetSilences);
        api.MapPost("/silences", CreateSilenceAsync);
        api.MapDelete("/silences/{id}", DeleteSilence);
        api.MapPost("/alerts/{fingerprint}/ack", AcknowledgeAsync);
        return api;
    }

    private static Ok<StatusResponse> GetStatus(StatusSnapshotBuilder builder) => TypedResults.Ok(builder.BuildStatus());

    private static async Task<Results<Ok<StreamDetail>, ProblemHttpResult, ValidationProblem>> GetStreamAsync(
        string id,
        int? history,
        StatusSnapshotBuilder builder,
        IAlertHistory alertHistory,
        IOptions<StatusApiOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = history ?? options.Value.DefaultHistory;
        if (limit is < 0 or > MaxHistory)
        {
            return Invalid("history", $"history must be between 0 and {MaxHistory} (was {limit}).");
        }

        if (builder.BuildStream(id) is not { } stream)
        {
            return NotFound($"There is no stream '{id}'.");
        }

        var entries = limit == 0 ? [] : await alertHistory.GetRecentAsync(id, limit, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new StreamDetail(stream.Id, stream.Name, stream.State, stream.Cdns, stream.Alerts, stream.Incident, stream.UpdatedAt, entries));
    }

    private static Results<Ok<AlertList>, ValidationProblem> GetAlerts(string? state, IAlertEngine engine)
    {
        AlertLifecycleState? wanted = state switch
        {
            null or "" => null,
            "firing" => AlertLifecycleState.Firing,
            "pending" => AlertLifecycleState.Pending,
            "resolved" => AlertLifecycleState.Resolved,
            _ => AlertLifecycleState.Inactive,
        };
        if (wanted == AlertLifecycleState.Inactive)
        {
            return Invalid("state", $"state must be firing, pending or resolved (was '{state}').");
        }

        var alerts = new List<AlertView>();
        foreach (var alert in engine.GetAlerts())
        {
            if (wanted is null || alert.State == wanted)
            {
                alerts.Add(StatusSnapshotBuilder.ToView(alert));
            }
        }

        return TypedResults.Ok(new AlertList(alerts));
    }

    private static Ok<SilenceList> GetSilences(IAlertEngine engine)
    {
        var silences = new List<SilenceView>();
        foreach (var silence in engine.GetSilences())
        {
            silences.Add(ToView(silence));
        }

        return TypedResults.Ok(new SilenceList(silences));
    }

    private static async Task<Results<Created<SilenceView>, ValidationProblem>> CreateSilenceAsync(HttpRequest request, IAlertEngine engine, TimeProvider time)
    {
        var (body, error) = await ReadAsync(request, StatusJsonContext.Default.SilenceRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var matchers = new List<LabelMatcher>();
        if (body!.Matchers is not { Count: > 0 })
        {
            errors["matchers"] = ["matchers must list at least one {\"name\", \"value\"} pair."];
        }
        else
        {
            for (var i = 0; i < body.Matchers.Count; i++)
            {
                var matcher = body.Matchers[i];
                if (string.IsNullOrWhiteSpace(matcher?.Name))
                {
                    errors[$"matchers[{i}].name"] = ["A matcher needs a label name, e.g. \"cdn\"."];
                    continue;
                }

                matchers.Add(new LabelMatcher(matcher.Name, matcher.Value ?? string.Empty));
            }
        }

        var startsAt = body.StartsAt ?? time.GetUtcNow();
        if (body.EndsAt is not { } endsAt)
        {
            errors["endsAt"] = ["endsAt is required (ISO 8601, e.g. 2026-11-21T22:00:00Z)."];
            endsAt = default;
        }
        else if (endsAt <= startsAt)
        {
            errors["endsAt"] = [$"endsAt ({endsAt:O}) must be after startsAt ({startsAt:O})."];
        }

        if (string.IsNullOrWhiteSpace(body.CreatedBy))
        {
            errors["createdBy"] = ["createdBy is required: who is silencing."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The silence is not valid.");
        }

        var silence = engine.AddSilence(matchers, startsAt, endsAt, body.CreatedBy!, body.Comment);
        return TypedResults.Created("/api/v1/silences/" + silence.Id, ToView(silence));
    }

    private static Results<NoContent, ProblemHttpResult> DeleteSilence(string id, IAlertEngine engine)
        => engine.RemoveSilence(id) ? TypedResults.NoContent() : NotFound($"There is no silence '{id}'.");

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult, ValidationProblem>> AcknowledgeAsync(string fingerprint, HttpRequest request, IAlertEngine engine)
    {
        var (body, error) = await ReadAsync(request, StatusJsonContext.Default.AckRequest).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.By))
        {
            return Invalid("by", "by is required: who is acknowledging.");
        }

        if (engine.GetAlert(fingerprint) is not { } alert)
        {
            return NotFound($"There is no alert '{fingerprint}'.");
        }

        if (!engine.Acknowledge(fingerprint, body.By, body.Comment))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Only a pending or firing alert can be acknowledged.",
                detail: $"Alert '{fingerprint}' is {StatusNames.Of(alert.State)}.");
        }

        return TypedResults.Ok(StatusSnapshotBuilder.ToView(engine.GetAlert(fingerprint) ?? alert));
    }

    private static async Task StreamEventsAsync(HttpContext context, StatusEventHub hub, StatusSnapshotBuilder builder, IHostApplicationLifetime lifetime)
    {
        var response = context.Response;
        var subscriber = hub.Subscribe();
        if (subscriber is null)
        {
            response.Headers.RetryAfter = "5";
            await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many event-stream clients; try again shortly.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // Ends with the client or with the application: an endless response must not hold up a graceful shutdown.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // Subscribed before the snapshot is taken: anything that changes meanwhile is queued
            // behind it, so a client never misses state (events carry whole states, so repeats are harmless).
            await subscriber.ServeAsync(context, hub.OpeningFrames(builder.BuildStatus()), stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            hub.Unsubscribe(subscriber);
        }
    }

    private static async Task<(T? Body, ValidationProblem? Error)> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Invalid("body", "The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var body = await request.ReadFromJsonAsync(type, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Invalid("body", "The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException exception)
        {
            // The path names the field at fault, e.g. $.endsAt.
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
            return (null, Invalid(field, $"'{field}' could not be read: {exception.Message}"));
        }
    }

    private static ValidationProblem Invalid(string field, string message)
        => TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, title: $"'{field}' is not valid.");

    private static ProblemHttpResult NotFound(string detail)
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    private static SilenceView ToView(Silence silence)
    {
        var matchers = new List<MatcherView>(silence.Matchers.Count);
        foreach (var matcher in silence.Matchers)
        {
            matchers.Add(new MatcherView(matcher.Name, matcher.Value));
        }

        return new SilenceView(silence.Id, matchers, silence.StartsAt, silence.EndsAt, silence.CreatedBy, silence.Comment);
    }
}
