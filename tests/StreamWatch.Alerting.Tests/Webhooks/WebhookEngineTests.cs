using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using StreamWatch.Alerting.Lifecycle;
using StreamWatch.Alerting.Notifications;
using StreamWatch.Alerting.Rules;
using StreamWatch.Alerting.Tests.TestSupport;
using StreamWatch.Alerting.Webhooks;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Alerting.Tests.Webhooks;

/// <summary>What the engine gives webhooks: evidence, the failover recommendation, the resolved-after-silence rule.</summary>
public sealed class WebhookEngineTests
{
    private const string Stale = nameof(RuleKind.ManifestStale);

    private static EngineHarness Harness() => new(rules => rules.Rules.Add(new RuleSettings { Name = Stale, For = TimeSpan.Zero, ClearFor = TimeSpan.Zero, ClearAfterReports = 1 }));

    [Fact]
    public void FiringAlert_CarriesTheLastReportsErrorFindingsAndCdnHeaders_IntoItsNotification()
    {
        using var harness = Harness();
        var poll = new ManifestPoll
        {
            Ref = new StreamRef { StreamId = EngineHarness.StreamId, Cdn = "cdn-a", RenditionId = "720p" },
            Fetch = new FetchResult
            {
                Outcome = FetchOutcome.Ok,
                HttpStatus = 200,
                Url = "https://a.example/final-hindi/720p.m3u8",
                CdnHeaders = { ["Age"] = "12", ["X-Cache"] = "HIT", ["Via"] = "1.1 varnish", ["Server"] = "cdn-a-edge", ["X-Amz-Cf-Id"] = "req-42" },
            },
            TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
            PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(12)),
            Stale = true,
            Findings =
            {
                new Finding { Code = "LIVE-PLAYLIST-STALE", Severity = Severity.Error, Message = "unchanged for 12 s", Url = "https://a.example/final-hindi/720p.m3u8" },
                new Finding { Code = "HLS-EXTINF-EXCEEDS-TARGET", Severity = Severity.Warning, Message = "warning only" },
            },
        };
        harness.Engine.Ingest(new ProbeReport { ObservedAt = Timestamp.FromDateTimeOffset(harness.Time.GetUtcNow()), Manifest = poll });

        var firing = Assert.Single(harness.Sink.Notified(), t => t.Alert.Rule == Stale);
        var evidence = firing.Alert.Evidence;
        var finding = Assert.Single(evidence.Findings);
        Assert.Equal("LIVE-PLAYLIST-STALE", finding.Code);
        Assert.Equal("error", finding.Severity);
        Assert.Equal("12", evidence.Headers["Age"]);
        Assert.Equal("HIT", evidence.Headers["X-Cache"]);
        Assert.Equal("req-42", evidence.Headers["X-Amz-Cf-Id"]);
        Assert.Equal(200, evidence.HttpStatus);
        Assert.Equal("ok", evidence.Outcome);

        var record = NotificationRecord.From(firing, 1);
        var roundTripped = JsonSerializer.Deserialize(JsonSerializer.Serialize(record, NotificationJsonContext.Default.NotificationRecord), NotificationJsonContext.Default.NotificationRecord)!;
        Assert.Equal("HIT", roundTripped.Alert.Evidence!.Headers["X-Cache"]);
        var body = WebhookRenderer.Render(roundTripped, new WebhookReceiverOptions { Name = "failover" }, FailoverRecommendation.For(roundTripped, harness.Engine.GetHealth()), "id");
        using var json = JsonDocument.Parse(body);
        var rendered = json.RootElement.GetProperty("alert").GetProperty("evidence");
        Assert.Equal("12", rendered.GetProperty("headers").GetProperty("Age").GetString());
        Assert.Equal("LIVE-PLAYLIST-STALE", rendered.GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Recommendation_IsTheHealthiestOtherCdn_OrNoneWhenNoOtherCdnIsHealthy()
    {
        using var harness = Harness();
        harness.Poll("cdn-b", age: 2);
        harness.Poll("cdn-c", age: 2);
        harness.Segment("cdn-c", ok: false);
        harness.Poll("cdn-a", age: 12);
        var firing = NotificationRecord.From(Assert.Single(harness.Sink.Notified()), 1);

        var recommendation = FailoverRecommendation.For(firing, harness.Engine.GetHealth());

        Assert.Equal("failover", recommendation.Action);
        Assert.Equal("cdn-a", recommendation.From);
        Assert.Equal("cdn-b", recommendation.To);
        Assert.Equal(1.0, recommendation.Score);

        harness.Poll("cdn-b", outcome: FetchOutcome.HttpError);
        harness.Poll("cdn-b", outcome: FetchOutcome.HttpError);
        var none = FailoverRecommendation.For(firing, harness.Engine.GetHealth());
        Assert.Equal("none", none.Action);
        Assert.Null(none.To);
        Assert.Contains("no other CDN", none.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendation_ForAnOriginAlert_IsNone()
    {
        using var harness = Harness();
        harness.Poll("cdn-a", age: 12);
        harness.Poll("cdn-b", age: 12);
        var origin = Assert.Single(harness.Sink.Notified(), t => t.Alert.Attribution == "origin");

        var recommendation = FailoverRecommendation.For(NotificationRecord.From(origin, 1), harness.Engine.GetHealth());

        Assert.Equal("none", recommendation.Action);
        Assert.Contains("upstream", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginShowingTheFaultToo_IsDeliveredAsOneOriginAttributedWebhook_WithNoFailover()
    {
        // The built-in for (10 s) lets every source show the fault before anything fires: one page, the origin's.
        await using var harness = await WebhookHarness.StartAsync(engine: new EngineHarness());
        var engine = harness.Engine;
        engine.OriginPoll(age: 12);
        engine.Poll("cdn-a", age: 12);
        engine.Poll("cdn-b", age: 12);
        engine.Advance(10);
        engine.OriginPoll(age: 22);
        engine.Poll("cdn-a", age: 22);
        engine.Poll("cdn-b", age: 22);
        Assert.Equal(1, await harness.CommitNotifiedAsync());

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 1, TimeSpan.FromMilliseconds(100));

        using var body = JsonDocument.Parse(Assert.Single(harness.Hook.Accepted()).Body);
        var alert = body.RootElement.GetProperty("alert");
        Assert.Equal("origin", alert.GetProperty("attribution").GetString());
        Assert.Equal("faulty", alert.GetProperty("originState").GetString());
        Assert.Equal(string.Empty, alert.GetProperty("cdn").GetString());
        Assert.Contains("as do cdn-a, cdn-b", alert.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var recommendation = body.RootElement.GetProperty("recommendation");
        Assert.Equal("none", recommendation.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, recommendation.GetProperty("to").ValueKind);
    }

    [Fact]
    public async Task AlertSilencedAfterItFired_StillGetsItsResolvedWebhook()
    {
        await using var harness = await WebhookHarness.StartAsync(engine: Harness());
        var engine = harness.Engine;
        engine.Poll("cdn-b", age: 2);
        engine.Poll("cdn-a", age: 12);
        Assert.Equal(1, await harness.CommitNotifiedAsync());
        var now = harness.Time.GetUtcNow();
        engine.Engine.AddSilence([new LabelMatcher("cdn", "cdn-a")], now, now.AddHours(1), "asha", "maintenance");
        engine.Poll("cdn-a", age: 2);
        Assert.Equal(AlertLifecycleState.Resolved, engine.AlertOf(Stale, "cdn-a")!.State);
        Assert.Equal(1, await harness.CommitNotifiedAsync());

        await harness.DriveUntilAsync(() => harness.Hook.Accepted().Count == 2, TimeSpan.FromMilliseconds(100));

        Assert.Equal(["firing", "resolved"], harness.Hook.Accepted().Select(r => r.Event!).ToList());
        using var firing = JsonDocument.Parse(harness.Hook.Accepted()[0].Body);
        Assert.Equal("cdn-b", firing.RootElement.GetProperty("recommendation").GetProperty("to").GetString());
    }
}
