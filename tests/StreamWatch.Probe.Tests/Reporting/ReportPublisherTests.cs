using Microsoft.Extensions.Options;

namespace StreamWatch.Probe.Tests.Reporting;

/// <summary>The probe's report stream against a real gRPC ingest server that drops calls, stops and restarts.</summary>
public sealed class ReportPublisherTests
{
    [Fact]
    public async Task DroppedCall_ResumesFromTheServersHighWaterMark_WithoutGapsOrDuplicates()
    {
        // Acks every 10: when the call drops after 95, the probe knows only ack 90 but the server holds 95.
        await using var server = await IngestServer.StartAsync(ackEvery: 10);
        await using var probe = await ReportingRig.StartAsync($"--services:alerting:grpc:0={server.Address}");

        probe.Write(95);
        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count == 95, "the server accepted 95 reports");
        await ReportingRig.WaitUntilAsync(() => probe.Publisher.Outbox.Acked(0) == 90, "the probe saw ack 90");
        server.DropCalls();
        probe.Write(110);

        // The new call acks from the server's 95: 105, 115, ... 205.
        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count == 205, "the server accepted 205 reports");
        Assert.Equal(Enumerable.Range(1, 205).Select(i => (long)i), server.Ledger.Sequences);
        Assert.Equal(Enumerable.Range(1, 205).Select(i => (long)i), server.Ledger.Payloads);
        Assert.Equal(0, server.Ledger.Duplicates);
        Assert.Equal(0, server.Ledger.Gaps);
        Assert.True(server.Ledger.Hellos.Count >= 2, "the probe reconnected");
        Assert.Equal(90, server.Ledger.Hellos[1]);
        await ReportingRig.WaitUntilAsync(() => probe.Publisher.Outbox.Acked(0) == 205, "the probe saw ack 205");
        // Writes on the dying call may be counted and then resent, so at least every report once.
        Assert.True(await probe.MetricAsync("streamwatch_probe_reports_sent_total{endpoint=\"0\"}") >= 205);
        Assert.Equal(0, await probe.MetricAsync("streamwatch_probe_report_unacked{endpoint=\"0\"}"));
        Assert.Equal(1, await probe.MetricAsync("streamwatch_probe_report_connected{endpoint=\"0\"}"));
    }

    [Fact]
    public async Task ServerDown_BufferOverflows_OldestDroppedAndCounted_TheRestDeliveredWithoutGaps()
    {
        await using var server = await IngestServer.StartAsync();
        await using var probe = await ReportingRig.StartAsync($"--services:alerting:grpc:0={server.Address}", "--Probe:Reporting:BufferSize=16");
        probe.Write(10);
        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count == 10 && probe.Publisher.Outbox.Acked(0) == 10, "10 reports were acked");

        await server.StopAsync();
        await ReportingRig.WaitUntilAsync(() => !probe.Publisher.IsConnected(0), "the probe saw the server go");
        probe.Write(50);
        Assert.Equal(34, await probe.MetricAsync("streamwatch_probe_reports_dropped_total"));
        Assert.Equal(16, await probe.MetricAsync("streamwatch_probe_report_unacked{endpoint=\"0\"}"));
        Assert.Equal(0, await probe.MetricAsync("streamwatch_probe_report_connected{endpoint=\"0\"}"));

        await server.RestartAsync();
        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count == 26, "the server accepted the 16 newest reports");
        Assert.Equal(Enumerable.Range(1, 26).Select(i => (long)i), server.Ledger.Sequences);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => (long)i), .. Enumerable.Range(45, 16).Select(i => (long)i)], server.Ledger.Payloads);
        Assert.Equal(0, server.Ledger.Duplicates);
        Assert.Equal(0, server.Ledger.Gaps);
        Assert.True(await probe.MetricAsync("streamwatch_probe_report_reconnects_total{endpoint=\"0\"}") >= 1);
    }

    [Fact]
    public async Task TwoEndpoints_EachReceiveEverything_AndOneDownDoesNotHoldUpTheOther()
    {
        await using var first = await IngestServer.StartAsync(ackEvery: 7);
        await using var second = await IngestServer.StartAsync(ackEvery: 3);
        await using var probe = await ReportingRig.StartAsync(
            $"--services:alerting:grpc:0={first.Address}",
            $"--services:alerting:grpc:1={second.Address}");

        probe.Write(100);
        await ReportingRig.WaitUntilAsync(() => first.Ledger.Count == 100 && second.Ledger.Count == 100, "both servers accepted 100 reports");

        await first.StopAsync();
        await ReportingRig.WaitUntilAsync(() => !probe.Publisher.IsConnected(0), "the probe saw the first server go");
        probe.Write(100);
        await ReportingRig.WaitUntilAsync(() => second.Ledger.Count == 200, "the second server accepted 200 reports while the first was down");

        await first.RestartAsync();
        await ReportingRig.WaitUntilAsync(() => first.Ledger.Count == 200, "the first server caught up");
        foreach (var ledger in new[] { first.Ledger, second.Ledger })
        {
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), ledger.Sequences);
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), ledger.Payloads);
            Assert.Equal(0, ledger.Gaps);
        }
    }

    [Fact]
    public async Task EndpointDownLongerThanTheRingHolds_DoesNotStallTheOther_AndCountsWhatItMissed()
    {
        await using var first = await IngestServer.StartAsync();
        await using var second = await IngestServer.StartAsync();
        await using var probe = await ReportingRig.StartAsync(
            $"--services:alerting:grpc:0={first.Address}",
            $"--services:alerting:grpc:1={second.Address}",
            "--Probe:Reporting:MaxUnacked=16");
        probe.Write(10);
        await ReportingRig.WaitUntilAsync(() => first.Ledger.Count == 10 && probe.Publisher.Outbox.Acked(0) == 10, "the first server acked 10");

        await first.StopAsync();
        await ReportingRig.WaitUntilAsync(() => !probe.Publisher.IsConnected(0), "the probe saw the first server go");
        probe.Write(90);
        await ReportingRig.WaitUntilAsync(() => second.Ledger.Count == 100, "the second server accepted all 100 past a full ring");

        var oldestHeld = probe.Publisher.Outbox.FirstSequence;
        Assert.True(oldestHeld > 11, $"the ring should have evicted reports the first server never got (oldest held {oldestHeld})");
        await first.RestartAsync();
        await ReportingRig.WaitUntilAsync(() => first.Ledger.HighWater == 100, "the first server caught up with what the ring still held");

        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => (long)i), .. Enumerable.Range((int)oldestHeld, 101 - (int)oldestHeld).Select(i => (long)i)], first.Ledger.Sequences);
        Assert.Equal(oldestHeld - 11, await probe.MetricAsync("streamwatch_probe_report_missed_total{endpoint=\"0\"}"));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), second.Ledger.Sequences);
        Assert.Equal(0, second.Ledger.Gaps);
    }

    [Fact]
    public async Task ServerRemembersAnEarlierLifeOfTheProbeId_NumberingContinuesAfterIt()
    {
        await using var server = await IngestServer.StartAsync();
        server.Ledger.Remember(500);
        await using var probe = await ReportingRig.StartAsync($"--services:alerting:grpc:0={server.Address}");

        probe.Write(20);

        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count == 20, "the server accepted 20 reports");
        Assert.Equal(Enumerable.Range(501, 20).Select(i => (long)i), server.Ledger.Sequences);
        Assert.Equal(0, server.Ledger.Duplicates);
    }

    [Fact]
    public async Task ServerThatNeverAnswersTheHello_IsRetried_UntilItDoes()
    {
        await using var server = await IngestServer.StartAsync();
        server.Silent = true;
        await using var probe = await ReportingRig.StartAsync($"--services:alerting:grpc:0={server.Address}", "--Probe:Reporting:HelloTimeout=00:00:00.200");
        probe.Write(5);

        await ReportingRig.WaitUntilAsync(() => Volatile.Read(ref server.SilentCalls) >= 2, "the probe gave up on a silent call and tried again");
        server.Silent = false;

        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count == 5, "the server accepted 5 reports");
        Assert.Equal([1, 2, 3, 4, 5], server.Ledger.Sequences);
    }

    [Fact]
    public async Task ProbePollingTheLab_StreamsItsReportsToAlerting()
    {
        await using var server = await IngestServer.StartAsync();
        await using var rig = await ProbeRig.StartAsync("--Probe:Id=probe-lab", $"--services:alerting:grpc:0={server.Address}");

        await rig.AdvanceAsync(TimeSpan.FromSeconds(6));

        await ReportingRig.WaitUntilAsync(() => server.Ledger.Count >= 20, "the server accepted 20 reports");
        Assert.Equal(Enumerable.Range(1, server.Ledger.Count).Select(i => (long)i), server.Ledger.Sequences);
        Assert.Equal(0, server.Ledger.Gaps);
        Assert.Equal(0, server.Ledger.Duplicates);
        Assert.All(server.Ledger.Reports, r => Assert.Equal("stream-1", r.Manifest?.Ref.StreamId ?? r.Segment.Ref.StreamId));
    }

    [Fact]
    public async Task NoEndpoint_ReportsStayInTheBuffer_OldestDroppedAndCounted()
    {
        await using var probe = await ReportingRig.StartAsync("--Probe:Reporting:BufferSize=16");

        probe.Write(20);

        Assert.Equal(4, await probe.MetricAsync("streamwatch_probe_reports_dropped_total"));
    }

    [Fact]
    public async Task InvalidReportingSettings_FailStartup_NamingEveryKey()
    {
        await using var probe = ProbeRig.BuildProbe(TimeProvider.System,
        [
            "--urls", "http://127.0.0.1:0",
            "--services:alerting:grpc:0=http://127.0.0.1:8082",
            "--services:alerting:grpc:1=not a url",
            "--Probe:Reporting:BufferSize=0",
            "--Probe:Reporting:ReconnectDelay=00:00:00",
        ]);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => probe.StartAsync(TestContext.Current.CancellationToken));

        var messages = string.Join('\n', error.Failures);
        Assert.Contains("services:alerting:grpc:1 must be an absolute http or https URL", messages, StringComparison.Ordinal);
        Assert.Contains("Probe:Reporting:BufferSize must be >= 16", messages, StringComparison.Ordinal);
        Assert.Contains("Probe:Reporting:ReconnectDelay must be a positive duration", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("services:alerting:grpc:0", messages, StringComparison.Ordinal);
    }
}
