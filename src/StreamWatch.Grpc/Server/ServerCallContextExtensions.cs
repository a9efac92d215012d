using Microsoft.AspNetCore.Http;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Server.Internal;

namespace StreamWatch.Grpc.Server;

/// <summary>Access to the HTTP request behind a call.</summary>
public static class ServerCallContextExtensions
{
    /// <summary>The call's <see cref="HttpContext"/>.</summary>
    public static HttpContext GetHttpContext(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is HttpContextServerCallContext http
            ? http.HttpContext
            : throw new InvalidOperationException("This ServerCallContext is not backed by an HttpContext.");
    }
}
