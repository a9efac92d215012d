using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using StreamWatch.Lab.Faults;

namespace StreamWatch.Lab.Apis;

/// <summary>
/// The fault injection API: <c>POST /lab/faults</c>, <c>GET /lab/faults</c>, <c>DELETE /lab/faults/{id}</c>,
/// <c>DELETE /lab/faults</c>. Invalid requests get a 400 validation problem naming each field at fault.
/// </summary>
internal static class FaultsApi
{
    public static RouteGroupBuilder MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/lab/faults");
        group.MapPost("/", PostAsync);
        group.MapGet("/", (FaultStore store, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            return TypedResults.Ok(store.Current().Select(f => ToResource(f, now)).ToArray());
        });
        group.MapGet("/{id}", Results<Ok<FaultResource>, NotFound> (string id, FaultStore store, TimeProvider time) =>
            Array.Find(store.Current(), f => f.Id == id) is { } fault ? TypedResults.Ok(ToResource(fault, time.GetUtcNow())) : TypedResults.NotFound());
        group.MapDelete("/{id}", Results<NoContent, NotFound> (string id, FaultStore store) =>
            store.Remove(id) ? TypedResults.NoContent() : TypedResults.NotFound());
        group.MapDelete("/", (FaultStore store) =>
        {
            store.Clear();
            return TypedResults.NoContent();
        });
        return group;
    }

    private static async Task<Results<Created<FaultResource>, ValidationProblem>> PostAsync(
        HttpRequest request, FaultStore store, FaultValidator validator, TimeProvider time)
    {
        FaultRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, LabJsonContext.Default.FaultRequest, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [Describe(ex)] },
                title: "The fault request is not valid JSON of the expected shape.");
        }

        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON object is required."] });
        }

        var now = time.GetUtcNow();
        var fault = validator.Validate(body, store.NextId(), now, out var errors);
        if (fault is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The fault request is not valid.");
        }

        store.Add(fault);
        return TypedResults.Created($"/lab/faults/{fault.Id}", ToResource(fault, now));
    }

    private static string Describe(JsonException ex)
        => ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "Unknown field: " + ex.Message
            : "Wrong type (durations are strings such as \"30s\"; status, rate, segments, bytes, seed are numbers): " + ex.Message;

    private static FaultResource ToResource(Fault f, DateTimeOffset now)
        => new(f.Id, f.IsExpired(now) ? "expired" : f.IsActive(now) ? "active" : "pending", f.CreatedAt, f.ActiveFrom, f.ExpiresAt, f.Request);
}
