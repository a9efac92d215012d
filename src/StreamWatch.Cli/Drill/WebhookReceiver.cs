using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StreamWatch.Cli.Drill;

/// <summary>
/// The drill's webhook endpoint: a minimal Kestrel server, up for the run only, that hands every POST (any path) to a
/// <see cref="WebhookObserver"/> and answers with the status it chose. Nothing is logged: stdout belongs to the drill.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>Largest body accepted: 1 MiB (a payload is a few KiB; evidence headers and findings are capped by the sender).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens, as bound (the real port when <c>:0</c> was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening on <paramref name="listen"/>; null with the reason when the address cannot be bound.</summary>
    public static async Task<(WebhookReceiver? Receiver, string? Failure)> StartAsync(Uri listen, WebhookObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(observer);

        // The empty builder: no configuration files, environment or logging providers of the current directory leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.WebHost.UseUrls(listen.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
        app.Run(context => HandleAsync(context, observer));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            return (null, $"cannot listen for webhooks on {listen}: {ex.Message}");
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var address = bound is null ? listen : new Uri(bound.TrimEnd('/') + listen.AbsolutePath);
        return (new WebhookReceiver(app, address), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, WebhookObserver observer)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel enforces MaxRequestBodySize while the body is read.
            context.Response.StatusCode = ex.StatusCode;
            return;
        }

        var headers = context.Request.Headers;
        context.Response.StatusCode = observer.Receive(
            headers["X-StreamWatch-Signature"].ToString(),
            NullIfEmpty(headers["X-StreamWatch-Delivery"].ToString()),
            NullIfEmpty(headers["X-StreamWatch-Event"].ToString()),
            body);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
