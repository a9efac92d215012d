using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamWatch.Cli.Tests.Support;
using StreamWatch.Testing.Processes;

namespace StreamWatch.Cli.Tests.Drill;

/// <summary>
/// Drills that ask StreamWatch what it did, against real servers: the real Lab in-process, a real Kestrel stand-in for
/// the gateway's status and alerts API that the test moves through pending, firing and resolved, and real signed
/// HTTP POSTs to the drill's own webhook receiver. Assertions are about what was observed and in which order; the
/// waits only guard against hangs.
/// </summary>
public sealed class DrillAlertingTests : IAsyncLifetime
{
    private const string Secret = "drill-secret";
    private LabHost _lab = null!;
    private GatewayStandIn _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _lab = await LabHost.StartAsync();
        _gateway = await GatewayStandIn.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task Drill_GatewayAndWebhooks_ReportsAlertStatusAndWebhooksInOrderAndExitsZero()
    {
        var listen = new Uri($"http://127.0.0.1:{FreePort.Next()}/hooks");
        var (result, statuses) = await RunFullDrillAsync(listen, "jsonl");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK], statuses);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var lines = new DrillLines(result);
        var injected = lines.IndexOf("injected");
        var gatewayBaseline = lines.IndexOf("gateway-baseline");
        var pending = lines.IndexOf("alert-pending", targetedOnly: true);
        var alertFiring = lines.IndexOf("alert-firing", targetedOnly: true);
        var webhook = lines.IndexOf("webhook", targetedOnly: true);
        var cleared = lines.IndexOf("cleared");
        var resolved = lines.IndexOf("alert-resolved", targetedOnly: true);
        Assert.True(gatewayBaseline >= 0 && gatewayBaseline < injected && injected < pending && pending < alertFiring && alertFiring < cleared && cleared < resolved, result.ToString());
        Assert.True(injected < webhook && webhook < cleared, result.ToString());

        var events = lines.Events;
        Assert.Equal("ManifestStale", events[alertFiring].GetProperty("rule").GetString());
        Assert.Equal("gateway", events[alertFiring].GetProperty("source").GetString());
        Assert.Equal("cdn-a", events[alertFiring].GetProperty("cdn").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("detail").GetString()!.Contains("stream-2", StringComparison.Ordinal) && e.GetProperty("event").GetString() is "alert-firing" or "alert-pending");

        var status = events.Where(e => e.GetProperty("event").GetString() == "status" && e.GetProperty("cdn").ValueKind == JsonValueKind.Null).ToArray();
        Assert.Equal(["degraded", "operational"], status.Select(e => e.GetProperty("state").GetString()));
        Assert.Contains("stream-1 operational -> degraded", status[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        var firingWebhook = events[webhook];
        Assert.Equal("firing", firingWebhook.GetProperty("webhookEvent").GetString());
        Assert.Equal("d-1", firingWebhook.GetProperty("deliveryId").GetString());
        Assert.True(firingWebhook.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal("cdn-b", firingWebhook.GetProperty("recommendation").GetProperty("to").GetString());
        Assert.Contains("webhook firing received (signature ok), recommends failover cdn-a -> cdn-b", firingWebhook.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var duplicate = Assert.Single(events, e => e.GetProperty("event").GetString() == "webhook-duplicate");
        Assert.Equal("d-1", duplicate.GetProperty("deliveryId").GetString());
        var rejected = events.Where(e => e.GetProperty("event").GetString() == "webhook-rejected").Select(e => e.GetProperty("detail").GetString()!).ToArray();
        Assert.Equal(2, rejected.Length);
        Assert.Contains(rejected, d => d.Contains("does not match", StringComparison.Ordinal));
        Assert.Contains(rejected, d => d.Contains("old", StringComparison.Ordinal));
        var resolvedWebhook = Assert.Single(events, e => e.GetProperty("event").GetString() == "webhook" && e.GetProperty("webhookEvent").GetString() == "resolved");
        Assert.Contains("webhook resolved received (signature ok)", resolvedWebhook.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(Array.IndexOf(events, resolvedWebhook) > cleared, result.ToString());

        var summary = lines.Summary;
        Assert.True(summary.GetProperty("alertFired").GetBoolean());
        Assert.Equal("ManifestStale", summary.GetProperty("alertRule").GetString());
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("alertFiredSeconds").ValueKind);
        Assert.Equal(2.5, summary.GetProperty("alertBoundSeconds").GetDouble()); // 1.5 × 1 s + one 1 s reload + for 0 s
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("alertPendingSeconds").ValueKind);
        Assert.True(summary.GetProperty("statusDegraded").GetBoolean());
        Assert.Equal("degraded", summary.GetProperty("statusDegradedState").GetString());
        Assert.True(summary.GetProperty("alertResolved").GetBoolean());
        Assert.True(summary.GetProperty("statusOperational").GetBoolean());
        Assert.True(summary.GetProperty("webhookFiring").GetBoolean());
        Assert.True(summary.GetProperty("webhookSignatureVerified").GetBoolean());
        Assert.Equal("cdn-b", summary.GetProperty("webhookRecommendation").GetProperty("to").GetString());
        Assert.True(summary.GetProperty("webhookResolved").GetBoolean());
        Assert.Equal(JsonValueKind.Number, summary.GetProperty("webhookResolvedAfterClearSeconds").ValueKind);
        Assert.Equal(2, summary.GetProperty("webhooksReceived").GetInt32());
        Assert.Equal(2, summary.GetProperty("webhooksRejected").GetInt32());
        Assert.Equal(1, summary.GetProperty("webhookDuplicates").GetInt32());
        Assert.Equal(listen.AbsoluteUri, summary.GetProperty("webhookReceiver").GetString());
        Assert.Equal(0, summary.GetProperty("exitCode").GetInt32());
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_GatewayNeverFiresAndOnlyABadlySignedWebhook_ExitsOneAndSaysSoInText()
    {
        var listen = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var drill = CliRunner.RunAsync(
            "drill", "--lab", _lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a", "--rendition", "720p", "--for", "3s",
            "--gateway", _gateway.Address.AbsoluteUri, "--webhook-listen", listen.AbsoluteUri, "--webhook-secret", Secret, "--wait-for-resolve", "2s");
        using var sender = new WebhookSender(listen, Secret);

        Assert.True(await WaitForFaultsAsync(present: true, drill), "the drill never injected its fault");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var firing = WebhookSender.Payload("d-9", "firing", GatewayStandIn.Alert("firing"));
        var status = await sender.PostAsync("d-9", "firing", firing, signature: WebhookSender.Sign("wrong", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), firing));
        var result = await drill.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(result.ExitCode == ExitCodes.ErrorFindings, result.ToString());
        var lines = result.StdoutLines;
        Assert.Contains(lines, l => l.StartsWith("StreamWatch: polling the gateway at " + _gateway.Address.AbsoluteUri, StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^before\s+gateway\s+baseline: stream-1 operational \(cdn-a operational, cdn-b operational\); no active alerts"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\+\d+\.\ds\s+webhook\s+webhook rejected \(401\): signature does not match"));
        Assert.Contains(lines, l => l.StartsWith("FAIL  stale on cdn-a/stream-1 (720p)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "fire by   12.5 s after injection (1.5 × target duration 1 s + one reload 1 s + the rule's for 10 s (--alert-for))");
        Assert.Contains(lines, l => l.StartsWith("alert     fired: no firing alert for the target", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("webhook   no signed firing delivery for the target", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("webhooks  0 counted, 1 rejected, 0 duplicate", StringComparison.Ordinal));
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_WebhookListenAddressInUse_ExitsTwoBeforeInjecting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var result = await CliRunner.RunAsync(
            "drill", "--lab", _lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a",
            "--webhook-listen", $"http://127.0.0.1:{port}/", "--webhook-secret", Secret);

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains("cannot listen for webhooks on", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_GatewayUnreachable_ExitsTwoBeforeInjecting()
    {
        var result = await CliRunner.RunAsync(
            "drill", "--lab", _lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a",
            "--gateway", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("did not answer within", line, StringComparison.Ordinal);
        Assert.Contains("cannot reach the gateway", line, StringComparison.Ordinal);
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("--gateway", "ftp://gateway")]
    [InlineData("--webhook-listen", "http://127.0.0.1:8099/")]
    [InlineData("--webhook-secret", "s")]
    [InlineData("--alert-for", "soon")]
    [InlineData("--wait-for-resolve", "0s")]
    public async Task Drill_InvalidAlertingOption_ExitsTwoNamingIt(string option, string value)
    {
        // --webhook-listen alone lacks its secret; --webhook-secret alone lacks a receiver.
        var result = await CliRunner.RunAsync("drill", "--lab", _lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a", option, value);

        Assert.Equal(ExitCodes.InputUnavailable, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.Contains(option, StringComparison.Ordinal));
        Assert.Empty(await _lab.FaultIdsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Drill_GatewayAndWebhooks_TextFormat_PrintsTheAlertStatusAndWebhookLinesAndRows()
    {
        var listen = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var (result, _) = await RunFullDrillAsync(listen, "text");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var lines = result.StdoutLines;
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\+\d+\.\ds\s+gateway cdn-a 720p\s+alert firing: ManifestStale \(critical, cdn-a 720p\): cdn-a has served"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\+\d+\.\ds\s+gateway\s+status: stream-1 operational -> degraded$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\+\d+\.\ds\s+webhook cdn-a 720p\s+webhook firing received \(signature ok\), recommends failover cdn-a -> cdn-b: ManifestStale"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\+\d+\.\ds\s+webhook cdn-a 720p\s+webhook resolved received \(signature ok\)"));
        Assert.Contains(lines, l => l.StartsWith("PASS  stale on cdn-a/stream-1 (720p)", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^alert     fired: yes, \+\d+\.\ds after injection: ManifestStale \(critical, cdn-a 720p\).* \(pending at \+\d+\.\ds\): (met|LATE)$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^status    degraded at \+\d+\.\ds after injection; operational again -?[\d.]+ m?s after clearing$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^webhook   firing at \+\d+\.\ds after injection, signature verified, recommends failover cdn-a -> cdn-b: (met|LATE)$"));
        Assert.Contains(lines, l => l.StartsWith("webhooks  2 counted, 2 rejected, 1 duplicate", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == $"alerting  gateway {_gateway.Address.AbsoluteUri}; webhook receiver {listen.AbsoluteUri}");
    }

    // A drill with both the gateway and the receiver, the stand-in and the sender playing StreamWatch's part:
    // pending, then firing + degraded + a signed firing webhook (plus its retry, a wrongly signed and an expired one),
    // then after clearing resolved + operational + a signed resolved webhook.
    private async Task<(CliResult Result, List<HttpStatusCode> Statuses)> RunFullDrillAsync(Uri listen, string format)
    {
        var drill = CliRunner.RunAsync(
            "drill", "--lab", _lab.Address.AbsoluteUri, "--fault", "stale", "--stream", "stream-1", "--cdn", "cdn-a", "--rendition", "720p", "--for", "4s",
            "--gateway", _gateway.Address.AbsoluteUri, "--webhook-listen", listen.AbsoluteUri, "--webhook-secret", Secret,
            "--alert-for", "0s", "--wait-for-resolve", "60s", "--format", format);
        using var sender = new WebhookSender(listen, Secret);
        var firing = WebhookSender.Payload("d-1", "firing", GatewayStandIn.Alert("firing"));
        var statuses = new List<HttpStatusCode>();

        // Another stream's alert is on the gateway throughout: the drill must not take it for its own.
        _gateway.Set("operational", "operational", GatewayStandIn.Alert("firing", stream: "stream-2"));
        Assert.True(await WaitForFaultsAsync(present: true, drill), "the drill never injected its fault");

        // The drill learns the fault's id a loopback hop after the Lab applied it; give it that hop before StreamWatch "reacts".
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        _gateway.Set("operational", "operational", GatewayStandIn.Alert("firing", stream: "stream-2"), GatewayStandIn.Alert("pending"));
        await _gateway.WaitUntilServedAsync();
        _gateway.Set("degraded", "degraded", GatewayStandIn.Alert("firing", stream: "stream-2"), GatewayStandIn.Alert("firing"));
        await _gateway.WaitUntilServedAsync();
        statuses.Add(await sender.PostAsync("d-1", "firing", firing));
        statuses.Add(await sender.PostAsync("d-1", "firing", firing)); // a retry: same delivery id
        statuses.Add(await sender.PostAsync("d-2", "firing", firing, signature: WebhookSender.Sign("not-the-secret", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), firing)));
        statuses.Add(await sender.PostAsync("d-3", "firing", firing, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.True(await WaitForFaultsAsync(present: false, drill), "the drill never cleared its fault");
        _gateway.Set("operational", "operational", GatewayStandIn.Alert("firing", stream: "stream-2"));
        await _gateway.WaitUntilServedAsync();
        statuses.Add(await sender.PostAsync("d-4", "resolved", WebhookSender.Payload("d-4", "resolved", GatewayStandIn.Alert("resolved"), recommend: false)));

        return (await drill.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken), statuses);
    }


    // Waits until the Lab holds a fault (present) or, having held one, holds none; false if the drill ended first (hang guard 60 s).
    private async Task<bool> WaitForFaultsAsync(bool present, Task drill)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (!drill.IsCompleted)
            {
                if ((await _lab.FaultIdsAsync(guard.Token)).Length > 0 == present)
                {
                    return true;
                }

                await Task.Delay(100, guard.Token);
            }
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        return false;
    }
}
