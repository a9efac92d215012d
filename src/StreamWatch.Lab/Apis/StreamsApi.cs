using StreamWatch.Lab.Edges;

namespace StreamWatch.Lab.Apis;

/// <summary>The media routes: <c>/{cdn}/{stream}/{**path}</c>, served by each CDN edge.</summary>
internal static class StreamsApi
{
    public static IEndpointConventionBuilder MapStreamsApi(this IEndpointRouteBuilder app)
        => app.MapMethods("/{cdn}/{stream}/{**path}", ["GET"], (HttpContext context, string cdn, string stream, string path, EdgeHandler edge)
            => edge.HandleAsync(context, cdn, stream, path))
            .ExcludeFromDescription();
}
