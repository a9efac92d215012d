using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace StreamWatch.Cli.Tests.Support;

/// <summary>
/// Sends webhook deliveries the way CONTRACTS.md says StreamWatch does (POST, JSON, X-StreamWatch-* headers), signed
/// here independently of the drill's verifier: HMAC-SHA256 over "&lt;t&gt;.&lt;raw body&gt;", hex.
/// </summary>
internal sealed class WebhookSender(Uri receiver, string secret) : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The payload of CONTRACTS.md for <paramref name="alert"/>.</summary>
    public static string Payload(string id, string eventName, JsonObject alert, bool recommend = true) => new JsonObject
    {
        ["id"] = id,
        ["event"] = eventName,
        ["alert"] = alert.DeepClone(),
        ["recommendation"] = recommend ? new JsonObject { ["action"] = "failover", ["from"] = "cdn-a", ["to"] = "cdn-b", ["reason"] = "cdn-b is healthy" } : null,
        ["deliveredBy"] = "test",
    }.ToJsonString();

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>POSTs <paramref name="body"/>; signed with the sender's secret at <paramref name="signedAt"/> (now when null) unless <paramref name="signature"/> is given.</summary>
    public async Task<HttpStatusCode> PostAsync(string deliveryId, string eventName, string body, DateTimeOffset? signedAt = null, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-StreamWatch-Delivery", deliveryId);
        request.Headers.Add("X-StreamWatch-Event", eventName);
        request.Headers.Add("X-StreamWatch-Signature", signature ?? Sign(secret, (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), body));
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => _client.Dispose();
}
