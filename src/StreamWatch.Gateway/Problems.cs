using Microsoft.AspNetCore.Http;

namespace StreamWatch.Gateway;

/// <summary>RFC 7807 problem details written by the gateway itself.</summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
