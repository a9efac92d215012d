using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace StreamWatch.Gateway.Security;

/// <summary>
/// Per request: security headers on every response, the request body limit, and the API key on
/// write requests under <c>/api/v1</c> (401 problem details without it).
/// </summary>
internal sealed partial class SecurityMiddleware(RequestDelegate next, ApiKeyValidator keys, IOptions<GatewaySecurityOptions> options, ILogger<SecurityMiddleware> logger)
{
    private static readonly PathString Api = "/api/v1";
    private readonly GatewaySecurityOptions _options = options.Value;
    private readonly StringValues _csp = options.Value.ContentSecurityPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts, so they win over whatever an upstream or endpoint wrote.
        context.Response.OnStarting(static state =>
        {
            var (response, csp) = ((HttpResponse, StringValues))state;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = csp;
            return Task.CompletedTask;
        }, (context.Response, _csp));

        // A declared oversize body is refused before the limit is lowered, so Kestrel can still drain it
        // and keep the connection: closing on unread data would reset it and lose the 413 on the way.
        if (context.Request.ContentLength > _options.MaxRequestBodyBytes)
        {
            return Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Request bodies are limited to {_options.MaxRequestBodyBytes} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _options.MaxRequestBodyBytes;
        }

        if (IsWrite(context.Request) && !Authorized(context.Request.Headers.Authorization))
        {
            Log.Unauthorized(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "API key required", "Write requests need 'Authorization: Bearer <key>' with a key from the gateway's configuration (gateway:apiKeys).");
        }

        return next(context);
    }

    private static bool IsWrite(HttpRequest request)
        => request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase)
            && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method));

    private bool Authorized(StringValues authorization)
    {
        if (authorization.Count != 1)
        {
            return false;
        }

        var value = authorization[0].AsSpan().Trim();
        const string scheme = "Bearer ";
        return value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && keys.IsValid(value[scheme.Length..].Trim());
    }

    private static partial class Log
    {
        // The key itself is never logged, not even in part.
        [LoggerMessage(7201, LogLevel.Warning, "Refused {Method} {Path} from {Client}: missing or unknown API key")]
        public static partial void Unauthorized(ILogger logger, string method, string path, string client);
    }
}
