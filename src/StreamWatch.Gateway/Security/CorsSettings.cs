namespace StreamWatch.Gateway.Security;

/// <summary>Which other origins' pages may call the gateway from a browser.</summary>
public sealed class CorsSettings
{
    /// <summary>
    /// Allowed origins, such as <c>https://grafana.example</c>. Empty (the default) sends no CORS
    /// headers, so only same-origin pages can read responses.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
