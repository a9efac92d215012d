using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StreamWatch.Alerting.Tests.TestSupport;

namespace StreamWatch.Alerting.Tests.Apis;

public sealed class StatusApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_lists_configured_streams_by_name_as_unknown_before_any_report()
    {
        await using var host = await StatusApiHost.StartAsync();

        using var json = await GetJsonAsync(host, "api/v1/status");

        var streams = json.RootElement.GetProperty("streams");
        Assert.Equal(2, streams.GetArrayLength());
        Assert.Equal("final-hindi", streams[0].GetProperty("id").GetString());
        Assert.Equal("Cricket final (Hindi)", streams[0].GetProperty("name").GetString());
        Assert.Equal("unknown", streams[0].GetProperty("state").GetString());
        Assert.Equal(0, streams[0].GetProperty("cdns").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, streams[0].GetProperty("incident").ValueKind);
        Assert.True(json.RootElement.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task Status_shows_cdn_states_scores_active_alerts_and_the_open_incident()
    {
        await using var host = await StatusApiHost.StartAsync();
        host.FireManifestUnavailable("cdn-b", healthyCdn: "cdn-a");

        using var json = await GetJsonAsync(host, "api/v1/status");

        var stream = json.RootElement.GetProperty("streams")[0];
        Assert.Equal("degraded", stream.GetProperty("state").GetString());
        var cdns = stream.GetProperty("cdns").EnumerateArray().ToDictionary(c => c.GetProperty("cdn").GetString()!);
        Assert.Equal("operational", cdns["cdn-a"].GetProperty("state").GetString());
        Assert.Equal(1.0, cdns["cdn-a"].GetProperty("score").GetDouble());
        Assert.NotEqual("operational", cdns["cdn-b"].GetProperty("state").GetString());
        Assert.True(cdns["cdn-b"].GetProperty("score").GetDouble() < 0.9);
        var alert = Assert.Single(stream.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("rule").GetString() == "ManifestUnavailable");
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal("cdn-b", alert.GetProperty("cdn").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        var incident = stream.GetProperty("incident");
        Assert.Equal(["cdn-b"], incident.GetProperty("affected").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(alert.GetProperty("incidentId").GetString(), incident.GetProperty("id").GetString());
        Assert.Equal(alert.GetProperty("startsAt").GetDateTimeOffset(), incident.GetProperty("openedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Status_shows_the_origin_apart_from_the_cdns_and_its_attributed_alert()
    {
        await using var host = await StatusApiHost.StartAsync();
        for (var i = 0; i < 14; i++)
        {
            host.Poll("cdn-a");
            host.Poll("cdn-b");
            host.Poll("origin", ok: false, origin: true);
            host.Advance(1);
        }

        using var json = await GetJsonAsync(host, "api/v1/status");

        var stream = json.RootElement.GetProperty("streams")[0];
        Assert.Equal("operational", stream.GetProperty("state").GetString());
        Assert.Equal(["cdn-a", "cdn-b"], stream.GetProperty("cdns").EnumerateArray().Select(c => c.GetProperty("cdn").GetString()).Order());
        Assert.Equal("origin", stream.GetProperty("origin").GetProperty("cdn").GetString());
        Assert.Equal("outage", stream.GetProperty("origin").GetProperty("state").GetString());
        var alert = Assert.Single(stream.GetProperty("alerts").EnumerateArray());
        Assert.Equal(("ManifestUnavailable", "origin", "faulty", string.Empty), (alert.GetProperty("rule").GetString(), alert.GetProperty("attribution").GetString(), alert.GetProperty("originState").GetString(), alert.GetProperty("cdn").GetString()));
        Assert.Equal(["origin"], stream.GetProperty("incident").GetProperty("affected").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Stream_detail_has_renditions_and_history_newest_first()
    {
        await using var host = await StatusApiHost.StartAsync();
        host.FireManifestUnavailable("cdn-b", healthyCdn: "cdn-a");

        using var json = await GetJsonAsync(host, "api/v1/streams/final-hindi?history=10");

        var root = json.RootElement;
        Assert.Equal("Cricket final (Hindi)", root.GetProperty("name").GetString());
        var cdnB = root.GetProperty("cdns").EnumerateArray().Single(c => c.GetProperty("cdn").GetString() == "cdn-b");
        Assert.Equal("720p", cdnB.GetProperty("renditions")[0].GetProperty("rendition").GetString());
        var history = root.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["firing", "pending"], history.Select(h => h.GetProperty("to").GetString()));
        Assert.True(history[0].GetProperty("at").GetDateTimeOffset() > history[1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("ManifestUnavailable", history[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Stream_detail_of_an_unknown_stream_is_a_404_problem()
    {
        await using var host = await StatusApiHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("api/v1/streams/nope", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("nope", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_detail_with_a_bad_history_count_names_the_parameter()
    {
        await using var host = await StatusApiHost.StartAsync();

        await AssertProblemNamesAsync(await host.Client.GetAsync(new Uri("api/v1/streams/final-hindi?history=5000", UriKind.Relative), Token), "history");
    }

    [Fact]
    public async Task Alerts_filter_by_state_and_reject_an_unknown_state_naming_it()
    {
        await using var host = await StatusApiHost.StartAsync();
        host.FireManifestUnavailable("cdn-b", healthyCdn: "cdn-a");

        using var firing = await GetJsonAsync(host, "api/v1/alerts?state=firing");
        using var resolved = await GetJsonAsync(host, "api/v1/alerts?state=resolved");

        Assert.Contains(firing.RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("rule").GetString() == "ManifestUnavailable");
        Assert.All(firing.RootElement.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("firing", a.GetProperty("state").GetString()));
        Assert.Equal(0, resolved.RootElement.GetProperty("alerts").GetArrayLength());
        await AssertProblemNamesAsync(await host.Client.GetAsync(new Uri("api/v1/alerts?state=burning", UriKind.Relative), Token), "state");
    }

    [Fact]
    public async Task Silences_are_created_listed_and_deleted()
    {
        await using var host = await StatusApiHost.StartAsync();
        var endsAt = host.Time.GetUtcNow().AddHours(1);

        using var created = await host.Client.PostAsJsonAsync(
            new Uri("api/v1/silences", UriKind.Relative),
            new { matchers = new[] { new { name = "cdn", value = "cdn-b" } }, endsAt, createdBy = "asha", comment = "maintenance" },
            Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var silence = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Token));
        var id = silence.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("/api/v1/silences/" + id, created.Headers.Location?.OriginalString);
        Assert.Equal("asha", silence.RootElement.GetProperty("createdBy").GetString());
        using (var list = await GetJsonAsync(host, "api/v1/silences"))
        {
            Assert.Equal(id, Assert.Single(list.RootElement.GetProperty("silences").EnumerateArray()).GetProperty("id").GetString());
        }

        using var deleted = await host.Client.DeleteAsync(new Uri("api/v1/silences/" + id, UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await host.Client.DeleteAsync(new Uri("api/v1/silences/" + id, UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var after = await GetJsonAsync(host, "api/v1/silences");
        Assert.Equal(0, after.RootElement.GetProperty("silences").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"endsAt":"2999-01-01T00:00:00Z","createdBy":"asha"}""", "matchers")]
    [InlineData("""{"matchers":[{"name":"","value":"x"}],"endsAt":"2999-01-01T00:00:00Z","createdBy":"asha"}""", "matchers[0].name")]
    [InlineData("""{"matchers":[{"name":"cdn","value":"x"}],"createdBy":"asha"}""", "endsAt")]
    [InlineData("""{"matchers":[{"name":"cdn","value":"x"}],"startsAt":"2999-01-02T00:00:00Z","endsAt":"2999-01-01T00:00:00Z","createdBy":"asha"}""", "endsAt")]
    [InlineData("""{"matchers":[{"name":"cdn","value":"x"}],"endsAt":"2999-01-01T00:00:00Z"}""", "createdBy")]
    [InlineData("""{"matchers":[{"name":"cdn","value":"x"}],"endsAt":"tomorrow","createdBy":"asha"}""", "endsAt")]
    [InlineData("not json", "body")]
    public async Task Invalid_silence_is_a_problem_naming_the_field(string body, string field)
    {
        await using var host = await StatusApiHost.StartAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        await AssertProblemNamesAsync(await host.Client.PostAsync(new Uri("api/v1/silences", UriKind.Relative), content, Token), field);
        Assert.Empty(host.Engine.GetSilences());
    }

    [Fact]
    public async Task Acknowledging_marks_a_firing_alert_and_unknown_fingerprints_are_404()
    {
        await using var host = await StatusApiHost.StartAsync();
        host.FireManifestUnavailable("cdn-b", healthyCdn: "cdn-a");
        var fingerprint = host.Engine.GetAlerts().Single(a => a.Rule == "ManifestUnavailable").Fingerprint;

        using var ack = await host.Client.PostAsJsonAsync(new Uri($"api/v1/alerts/{fingerprint}/ack", UriKind.Relative), new { by = "ravi", comment = "on it" }, Token);
        using var unknown = await host.Client.PostAsJsonAsync(new Uri("api/v1/alerts/0123456789abcdef/ack", UriKind.Relative), new { by = "ravi" }, Token);
        using var nobody = await host.Client.PostAsJsonAsync(new Uri($"api/v1/alerts/{fingerprint}/ack", UriKind.Relative), new { comment = "x" }, Token);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var alert = JsonDocument.Parse(await ack.Content.ReadAsStringAsync(Token));
        Assert.Equal("ravi", alert.RootElement.GetProperty("acknowledgement").GetProperty("by").GetString());
        Assert.Equal("ravi", host.Engine.GetAlert(fingerprint)!.Acknowledgement!.By);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await AssertProblemNamesAsync(nobody, "by");
    }

    private static async Task<JsonDocument> GetJsonAsync(StatusApiHost host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    private static async Task AssertProblemNamesAsync(HttpResponseMessage response, string field)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem.RootElement}");
        }
    }
}
