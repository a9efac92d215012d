using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamWatch.Gateway.Tests.TestSupport;
using StreamWatch.Testing.Http;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Gateway.Tests.StatusPage;

public sealed partial class StatusPageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_paint_is_server_rendered_html_with_every_stream_html_encoded()
    {
        await using var alerting = await AlertingHost.StartAsync();
        alerting.Healthy();
        var port = FreePort.Next();
        await using var gateway = await GatewayUnderTest.StartAsync(port, alerting.Address);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(HtmlEncoder.Default.Encode(AlertingHost.HindiName), html, StringComparison.Ordinal);
        Assert.Contains(HtmlEncoder.Default.Encode(AlertingHost.NewsName), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<24/7>", html, StringComparison.Ordinal);
        Assert.Contains("All good", html, StringComparison.Ordinal);
        Assert.Contains("cdn-b: OK", html, StringComparison.Ordinal);
        Assert.Contains("No recent data", html, StringComparison.Ordinal);
        Assert.Contains("<main", html, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", html, StringComparison.Ordinal);

        // CSP-compatible: no inline script or style anywhere.
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.All(ScriptTag().Matches(html), tag => Assert.Contains("src=", tag.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Assets_have_hashed_names_long_cache_lifetimes_and_etags()
    {
        await using var alerting = await AlertingHost.StartAsync();
        var port = FreePort.Next();
        await using var gateway = await GatewayUnderTest.StartAsync(port, alerting.Address);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        var paths = AssetPath().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, paths.Count);

        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            var etag = response.Headers.ETag;
            Assert.NotNull(etag);

            using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
            using var revalidated = await client.SendAsync(conditional, Token);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        }

        using var missing = await client.GetAsync(new Uri("/status/assets/status.0000.css", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Many_browsers_share_one_upstream_subscription_and_each_gets_the_change()
    {
        await using var alerting = await AlertingHost.StartAsync();
        alerting.Healthy();
        var port = FreePort.Next();
        await using var gateway = await GatewayUnderTest.StartAsync(port, alerting.Address);
        using var guard = GatewayUnderTest.Guard();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = Timeout.InfiniteTimeSpan };
        var readers = new List<(HttpResponseMessage Response, SseReader Events)>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var response = await client.GetAsync(new Uri("/status/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, guard.Token);
                Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
                var events = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));
                readers.Add((response, events));
                var snapshot = await events.WaitForAsync("snapshot", f => f.Data.Contains("\"live\":true", StringComparison.Ordinal), guard.Token);
                Assert.Contains("All good", snapshot.Data, StringComparison.Ordinal);
            }

            Assert.Equal(1, alerting.EventClients);
            var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), guard.Token);
            Assert.Matches(BrowsersGauge(), metrics);
            Assert.Matches(UpstreamGauge(), metrics);

            alerting.BreakCdnB();

            foreach (var (_, events) in readers)
            {
                var card = await events.WaitForAsync("card", f => f.Data.Contains("Viewers on cdn-b", StringComparison.Ordinal), guard.Token);
                using var json = JsonDocument.Parse(card.Data);
                Assert.Equal("final-hindi", json.RootElement.GetProperty("id").GetString());
                Assert.StartsWith(AlertingHost.HindiName + ": Viewers on cdn-b", json.RootElement.GetProperty("announce").GetString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var (response, events) in readers)
            {
                events.Dispose();
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Relay_reconnects_to_alerting_after_alerting_restarts()
    {
        var alerting = await AlertingHost.StartAsync();
        var port = FreePort.Next();
        await using var gateway = await GatewayUnderTest.StartAsync(port, alerting.Address);
        using var guard = GatewayUnderTest.Guard(60);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = Timeout.InfiniteTimeSpan };
        using var response = await client.GetAsync(new Uri("/status/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));
        await events.WaitForAsync("snapshot", f => f.Data.Contains("\"live\":true", StringComparison.Ordinal), guard.Token);
        var address = alerting.Address;

        await alerting.DisposeAsync();
        await events.WaitForAsync("connection", f => f.Data.Contains("\"live\":false", StringComparison.Ordinal), guard.Token);
        await using var restarted = await AlertingHost.StartAtAsync(address);
        restarted.Healthy();

        var snapshot = await events.WaitForAsync("snapshot", f => f.Data.Contains("\"live\":true", StringComparison.Ordinal), guard.Token);
        Assert.Contains(HtmlEncoder.Default.Encode(AlertingHost.HindiName), JsonDocument.Parse(snapshot.Data).RootElement.GetProperty("streamsHtml").GetString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^streamwatch_status_page_browsers(\{[^}]*\})? 3$")]
    private static partial Regex BrowsersGauge();

    [GeneratedRegex(@"(?m)^streamwatch_status_page_upstream_connected(\{[^}]*\})? 1$")]
    private static partial Regex UpstreamGauge();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\"(/status/assets/[^\"]+)\"")]
    private static partial Regex AssetPath();
}
