using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Reporting;

/// <summary>A bounded in-memory buffer (<see cref="ReportingOptions.BufferSize"/>): the newest reports win when the consumer falls behind.</summary>
internal sealed class ChannelProbeReportSink : IProbeReportSink
{
    private readonly Channel<ProbeReport> _channel;

    public ChannelProbeReportSink(ProbeMetrics metrics, IOptions<ReportingOptions> options)
    {
        // Several endpoint senders read, each under the outbox's lock, so the channel still sees one reader at a time.
        _channel = Channel.CreateBounded<ProbeReport>(
            new BoundedChannelOptions(options.Value.BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => metrics.ReportsDropped.Add(1));
    }

    public ChannelReader<ProbeReport> Reader => _channel.Reader;

    public void Write(ProbeReport report) => _channel.Writer.TryWrite(report);
}
