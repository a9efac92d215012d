namespace StreamWatch.Gateway.Security;

/// <summary>The gateway's protections. Bound from the <c>Gateway</c> section (<c>gateway:</c> in the YAML file).</summary>
public sealed class GatewaySecurityOptions
{
    /// <summary>The configuration section: <c>Gateway</c>.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// The CSP sent with every response: same-origin only, no inline script or style, no framing.
    /// </summary>
    public const string StrictContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c> on write requests (POST, PUT, PATCH,
    /// DELETE under <c>/api/v1</c>). None configured (the default) refuses every write. Never logged.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Requests per client IP address.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Largest request body accepted, in bytes; larger ones get 413. Defaults to 1 MiB (1,048,576).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Cross-origin access for browser clients on other origins.</summary>
    public CorsSettings Cors { get; set; } = new();

    /// <summary>The <c>Content-Security-Policy</c> header. Defaults to <see cref="StrictContentSecurityPolicy"/>.</summary>
    public string ContentSecurityPolicy { get; set; } = StrictContentSecurityPolicy;
}
