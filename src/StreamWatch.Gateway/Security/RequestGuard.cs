using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace StreamWatch.Gateway.Security;

/// <summary>
/// The per-request protections in one place, so the normal pipeline (<see cref="SecurityMiddleware"/>,
/// the rate limiter middleware) and the proxy fast path apply exactly the same rules: security
/// headers, the body limit (413), the API key on writes under <c>/api/v1</c> (401) and the per-client
/// rate limit (429 with <c>Retry-After</c>), sharing one limiter so a client has one budget.
/// </summary>
internal sealed partial class RequestGuard
{
    private static readonly PathString Api = "/api/v1";
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues Deny = "DENY";
    private readonly ApiKeyValidator _keys;
    private readonly GatewaySecurityOptions _options;
    private readonly StringValues _csp;
    private readonly IOptions<RateLimiterOptions> _limiter;
    private readonly ILogger<RequestGuard> _logger;

    public RequestGuard(ApiKeyValidator keys, IOptions<GatewaySecurityOptions> options, IOptions<RateLimiterOptions> limiter, ILogger<RequestGuard> logger)
    {
        _keys = keys;
        _options = options.Value;
        _csp = options.Value.ContentSecurityPolicy;
        _limiter = limiter;
        _logger = logger;
    }

    /// <summary>True when CORS origins are configured (a cross-origin request then needs the CORS middleware).</summary>
    public bool CorsConfigured => _options.Cors.AllowedOrigins.Count > 0;

    /// <summary>True when the per-client rate limit is on.</summary>
    public bool RateLimited => _options.RateLimit.Enabled;

    /// <summary>Sets the security headers, overwriting any value an upstream or endpoint wrote.</summary>
    public void SetSecurityHeaders(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = NoReferrer;
        headers.XFrameOptions = Deny;
        headers.ContentSecurityPolicy = _csp;
    }

    /// <summary>True for the headers <see cref="SetSecurityHeaders"/> owns: an upstream's copy is not passed on.</summary>
    public static bool IsSecurityHeader(string name)
        => string.Equals(name, HeaderNames.ContentSecurityPolicy, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, HeaderNames.XContentTypeOptions, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, HeaderNames.XFrameOptions, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Referrer-Policy", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The body limit and the API key. Returns the response already being written when the request
    /// is refused (413 or 401), or null when it may go on (with Kestrel's body limit lowered).
    /// </summary>
    public Task? Refuse(HttpContext context)
    {
        // A declared oversize body is refused before the limit is lowered, so Kestrel can still drain it
        // and keep the connection: closing on unread data would reset it and lose the 413 on the way.
        var request = context.Request;
        if (request.ContentLength > _options.MaxRequestBodyBytes)
        {
            return Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Request bodies are limited to {_options.MaxRequestBodyBytes} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _options.MaxRequestBodyBytes;
        }

        if (IsWrite(request) && !Authorized(request.Headers.Authorization))
        {
            Log.Unauthorized(_logger, request.Method, request.Path.Value ?? string.Empty, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "API key required", "Write requests need 'Authorization: Bearer <key>' with a key from the gateway's configuration (gateway:apiKeys).");
        }

        return null;
    }

    /// <summary>
    /// Takes a permit from the shared per-client limiter. Returns the 429 response being written when
    /// the client is over its limit, or null when the request may go on.
    /// </summary>
    public Task? RateLimit(HttpContext context)
    {
        if (_limiter.Value.GlobalLimiter is not { } limiter)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(context);
        return lease.IsAcquired ? null : WriteRejectedAsync(context, lease);
    }

    /// <summary>429 problem details with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public static Task WriteRejectedAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", $"This client sent too many requests; try again in {seconds} s.");
    }

    private static bool IsWrite(HttpRequest request)
        => (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
            && request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase);

    private bool Authorized(StringValues authorization)
    {
        if (authorization.Count != 1)
        {
            return false;
        }

        var value = authorization[0].AsSpan().Trim();
        const string scheme = "Bearer ";
        return value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && _keys.IsValid(value[scheme.Length..].Trim());
    }

    private static partial class Log
    {
        // The key itself is never logged, not even in part.
        [LoggerMessage(7201, LogLevel.Warning, "Refused {Method} {Path} from {Client}: missing or unknown API key")]
        public static partial void Unauthorized(ILogger logger, string method, string path, string client);
    }
}
