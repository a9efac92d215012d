using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace StreamWatch.Lab.Tests.Faults;

/// <summary>The fault API's contract: validation problems name the field, and faults can be listed and removed.</summary>
public sealed class FaultApiTests : IAsyncLifetime
{
    private LabServer _lab = null!;

    public async ValueTask InitializeAsync() => _lab = await LabServer.StartAsync();

    public async ValueTask DisposeAsync() => await _lab.DisposeAsync();

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"meltdown"}""", "kind" },
        { """{"cdn":"cdn-z","stream":"stream-1","kind":"stale"}""", "cdn" },
        { """{"cdn":"cdn-a","stream":"nope","kind":"stale"}""", "stream" },
        { """{"cdn":"cdn-a","stream":"stream-1","rendition":"4k","kind":"stale"}""", "rendition" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"http-error","status":503,"rate":1.5}""", "rate" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"http-error","status":503,"rate":-0.1}""", "rate" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"http-error","status":200}""", "status" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"http-error"}""", "status" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"stale","duration":"-5s"}""", "duration" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"stale","duration":"soon"}""", "duration" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"stale","startAfter":"-1s"}""", "startAfter" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"stale","duration":30}""", "duration" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"stale","status":500}""", "status" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"slow"}""", "delay" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"jitter","min":"2s","max":"1s"}""", "max" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"jitter","distribution":"poisson","mean":"1s"}""", "distribution" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"lag","segments":0}""", "segments" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"clock-skew"}""", "offset" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"drop-rendition"}""", "rendition" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"timeout","target":"everything"}""", "target" },
        { """{"cdn":"cdn-a","stream":"stream-1","kind":"stale","colour":"red"}""", "colour" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task PostingAnInvalidFault_Returns400ProblemDetailsNamingTheField(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _lab.Http.PostAsync("lab/faults", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task PostedFaults_AreListed_AndDeletedByIdOrAllAtOnce()
    {
        var first = await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale", duration = "2m" });
        var second = await _lab.InjectAsync(new { cdn = "cdn-b", stream = "stream-2", kind = "lag", segments = 2, startAfter = "30s" });

        var listed = (await _lab.Http.GetFromJsonAsync<JsonElement[]>("lab/faults", TestContext.Current.CancellationToken))!;
        Assert.Equal([first, second], listed.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("active", listed[0].GetProperty("state").GetString());
        Assert.Equal("pending", listed[1].GetProperty("state").GetString());
        Assert.Equal("2m", listed[0].GetProperty("fault").GetProperty("duration").GetString());

        using var deleted = await _lab.Http.DeleteAsync($"lab/faults/{first}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await _lab.Http.DeleteAsync($"lab/faults/{first}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        using var cleared = await _lab.Http.DeleteAsync("lab/faults", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty((await _lab.Http.GetFromJsonAsync<JsonElement[]>("lab/faults", TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task ExpiredFaults_LeaveTheList()
    {
        await _lab.InjectAsync(new { cdn = "cdn-a", stream = "stream-1", kind = "stale", duration = "10s" });
        _lab.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Empty((await _lab.Http.GetFromJsonAsync<JsonElement[]>("lab/faults", TestContext.Current.CancellationToken))!);
    }
}
