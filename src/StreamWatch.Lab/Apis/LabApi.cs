using System.Globalization;
using StreamWatch.Lab.Streams;

namespace StreamWatch.Lab.Apis;

/// <summary><c>GET /lab/streams</c> (what is served where) and <c>GET /lab/time</c> (the Lab clock, for DASH UTCTiming).</summary>
internal static class LabApi
{
    public static RouteGroupBuilder MapLabApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/lab");
        group.MapGet("/streams", (HttpContext context, LabCatalog catalog) =>
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            LabSourceInfo Source(string edge, string id) => new(edge, $"{origin}/{edge}/{id}/master.m3u8", $"{origin}/{edge}/{id}/manifest.mpd", $"{origin}/{edge}/{id}/manifest-number.mpd");
            var streams = catalog.Streams.Select(s => new LabStreamInfo(
                s.Id,
                [.. catalog.Cdns.Select(c => Source(c, s.Id))])
            {
                Origin = Source(LabCatalog.OriginName, s.Id),
            }).ToArray();
            return TypedResults.Ok(new LabStreamsInfo(catalog.Cdns, [.. catalog.Renditions.Select(r => r.Id)], streams));
        });
        group.MapGet("/time", (TimeProvider time) =>
            TypedResults.Text(time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), "text/plain"));
        return group;
    }
}
