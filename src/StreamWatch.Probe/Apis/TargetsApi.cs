using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Apis;

/// <summary>The probe's own HTTP API.</summary>
public static class TargetsApi
{
    /// <summary>Maps <c>GET /api/v1/targets</c>: every polled rendition's current state.</summary>
    public static RouteGroupBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1");
        group.MapGet("/targets", static (TargetRegistry registry) => TypedResults.Ok(registry.Snapshot()));
        return group;
    }
}
