using Microsoft.AspNetCore.Http;

namespace StreamWatch.Gateway.Security;

/// <summary>
/// Per request on the normal pipeline: security headers on every response, the request body limit,
/// and the API key on write requests under <c>/api/v1</c> (401 problem details without it). The
/// rules live in <see cref="RequestGuard"/>, shared with the proxy fast path.
/// </summary>
internal sealed class SecurityMiddleware(RequestDelegate next, RequestGuard guard)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts, so they win over whatever an upstream or endpoint wrote.
        context.Response.OnStarting(static state =>
        {
            var (response, guard) = ((HttpResponse, RequestGuard))state;
            guard.SetSecurityHeaders(response.Headers);
            return Task.CompletedTask;
        }, (context.Response, guard));

        return guard.Refuse(context) ?? next(context);
    }
}
