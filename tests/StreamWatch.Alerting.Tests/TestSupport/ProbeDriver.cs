using Microsoft.Extensions.DependencyInjection;
using StreamWatch.Alerting.Ingest;
using StreamWatch.Testing.Time;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>
/// Drives one probe's reports into one or more alerting hosts on a shared manual clock: one manifest
/// poll per engine second, the clock advanced only once every host has acked it (durable) or, with
/// <c>durable: false</c>, ingested it.
/// </summary>
internal sealed class ProbeDriver(ManualTimeProvider time, string probeId = "probe-1")
{
    private readonly List<(AlertingTestHost Host, ProbeStream Stream)> _targets = [];

    public long Sequence { get; set; }

    public async Task<ProbeStream> ConnectAsync(AlertingTestHost host)
    {
        var stream = await ProbeStream.OpenAsync(host, probeId);
        _targets.Add((host, stream));
        return stream;
    }

    public void Disconnect(ProbeStream stream) => _targets.RemoveAll(t => t.Stream == stream);

    /// <summary>Sends <paramref name="seconds"/> polls, one per engine second.</summary>
    public async Task StepAsync(int seconds, bool ok, bool durable = true)
    {
        for (var i = 0; i < seconds; i++)
        {
            Sequence++;
            foreach (var (_, stream) in _targets)
            {
                await stream.SendAsync(Sequence, ProbeStream.Poll(time.GetUtcNow(), ok));
            }

            foreach (var (host, stream) in _targets)
            {
                if (durable)
                {
                    await stream.WaitForAckAsync(Sequence);
                }
                else
                {
                    var ingest = host.Services.GetRequiredService<IngestService>();
                    var sequence = Sequence;
                    await RedisInspector.WaitUntilAsync(() => Task.FromResult(ingest.AcceptedOf(probeId) >= sequence), $"report {sequence} is ingested");
                }
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Waits until every host's store queue is empty (everything so far is in Redis).</summary>
    public async Task QuiesceAsync()
    {
        foreach (var (host, _) in _targets)
        {
            await RedisInspector.WaitUntilAsync(() => Task.FromResult(host.Writer.Pending == 0), "the store queue is empty");
        }
    }
}
