using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamWatch.Testing.Http;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and what it answered.</summary>
internal sealed record ReceivedWebhook(string? DeliveryId, string? Event, string? Signature, string ContentType, byte[] Body, int Answered, bool SignatureValid)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real HTTP receiver on Kestrel (loopback): records every POST and answers with the status the
/// test's policy picks. Checks signatures with its own HMAC code, as a receiver written by someone
/// else would, not with StreamWatch's.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private LoopbackServer _server = null!;

    private WebhookReceiver(string secret) => Secret = secret;

    public string Secret { get; }

    public string Url { get; private set; } = string.Empty;

    /// <summary>Picks the status for a request (default 200); may set headers such as Retry-After.</summary>
    public Func<ReceivedWebhook, HttpResponse, int> Policy { get; set; } = static (_, _) => 200;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Requests answered 2xx, i.e. deliveries the receiver accepted.</summary>
    public List<ReceivedWebhook> Accepted() => [.. _received.Where(r => r.Answered is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync(string secret = "s3cret-for-tests")
    {
        var receiver = new WebhookReceiver(secret);
        receiver._server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            var signature = context.Request.Headers["X-StreamWatch-Signature"].ToString();
            var probe = new ReceivedWebhook(
                context.Request.Headers["X-StreamWatch-Delivery"].ToString(),
                context.Request.Headers["X-StreamWatch-Event"].ToString(),
                signature,
                context.Request.ContentType ?? string.Empty,
                bytes,
                0,
                Verify(secret, signature, bytes));
            var status = receiver.Policy(probe, context.Response);
            receiver._received.Enqueue(probe with { Answered = status });
            context.Response.StatusCode = status;
        }), TestContext.Current.CancellationToken);
        receiver.Url = receiver._server.Url("hook").ToString();
        return receiver;
    }

    /// <summary>The receiver's own check: <c>t=..,v1=hex(HMAC-SHA256(secret, t + "." + body))</c>.</summary>
    public static bool Verify(string secret, string header, byte[] body)
    {
        var parts = header.Split(',');
        if (parts.Length != 2 || !parts[0].StartsWith("t=", StringComparison.Ordinal) || !parts[1].StartsWith("v1=", StringComparison.Ordinal))
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(parts[0][2..] + ".").Concat(body).ToArray();
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return string.Equals(expected, parts[1][3..], StringComparison.OrdinalIgnoreCase);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
