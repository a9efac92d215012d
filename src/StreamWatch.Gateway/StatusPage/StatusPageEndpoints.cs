using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace StreamWatch.Gateway.StatusPage;

/// <summary>The producers' status page: <c>GET /</c>, its live updates and its assets.</summary>
public static class StatusPageEndpoints
{
    /// <summary>
    /// Maps <c>GET /</c> (server-rendered page), <c>GET /status/events</c> (server-sent events
    /// relayed from alerting) and <c>GET /status/assets/{name}</c> (hashed, immutable css/js).
    /// Needs <see cref="StatusPageServiceExtensions.AddStatusPage"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", RenderPageAsync);
        endpoints.MapGet("/status/events", RelayEventsAsync);
        endpoints.MapGet(StatusAssets.PathPrefix + "{name}", ServeAsset);
        return endpoints;
    }

    private static async Task<IResult> RenderPageAsync(HttpContext context, StatusRelay relay, StatusPageRenderer renderer)
    {
        var view = await relay.WaitForViewAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(renderer.Page(view), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task RelayEventsAsync(HttpContext context, StatusRelay relay, IHostApplicationLifetime lifetime)
    {
        var response = context.Response;
        var client = relay.Subscribe();
        if (client is null)
        {
            response.Headers.RetryAfter = "5";
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many live status viewers; try again shortly.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // Ends with the client or with the application: an endless response must not hold up a graceful shutdown.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await client.ServeAsync(context, relay.OpeningFrames(), stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            relay.Unsubscribe(client);
        }
    }

    private static IResult ServeAsset(string name, HttpContext context, StatusAssets assets)
    {
        if (!assets.TryGet(name, out var asset))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"There is no asset '{name}'.");
        }

        var headers = context.Response.Headers;

        // The name changes with the content, so the content under a name never does.
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.ETag = asset.ETag;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
